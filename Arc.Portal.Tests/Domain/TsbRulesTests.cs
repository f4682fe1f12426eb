using System.Text;
using Arc.Domain.Common;
using Arc.Domain.Tsbs;

namespace Arc.Portal.Tests.Domain;

/// <summary>A service bulletin's rules: its number, its model years, its fields and its PDF files, with the messages the form shows.</summary>
public sealed class TsbRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);

    private static TsbDraft Draft() => new("TSB-2024-007", "12 V battery drains", "The telematics unit may stay awake.", [1, 2], "2019-2021",
        new DateOnly(2024, 3, 14), "Electrical", TsbCommunicationType.ServiceBulletin, new DateOnly(2024, 3, 18), "mc-10176823");

    private static Tsb NewTsb() => new() { Number = "", Title = "", Summary = "", CreatedBy = "tester" };

    private static string RefusedField(Action act) => Assert.Single(Assert.Throws<ValidationFailedException>(act).Errors).Key;

    [Theory]
    [InlineData("TSB-2024-007", "TSB-2024-007")]
    [InlineData(" tsb-2024-007 ", "TSB-2024-007")]
    [InlineData("SB 19.01", "SB-19.01")]
    [InlineData("ar_23_004", "AR_23_004")]
    [InlineData("123", "123")]
    public void A_bulletin_number_is_kept_upper_case_with_blanks_made_hyphens(string text, string expected) => Assert.Equal(expected, TsbNumber.Parse(text));

    [Theory]
    [InlineData(null, "needs its number")]
    [InlineData("   ", "needs its number")]
    [InlineData("AB", "at least 3 characters")]
    [InlineData("TSB--2024", "letters and digits")]
    [InlineData("-TSB-2024", "letters and digits")]
    [InlineData("TSB/2024/7", "letters and digits")]
    [InlineData("TSB-2024-007'; DROP TABLE tsb;--", "at most 30 characters")]
    [InlineData("<script>x</script>", "letters and digits")]
    [InlineData("=HYPERLINK(1)", "letters and digits")]
    [InlineData("TSB\u202E2024", "letters and digits")]
    [InlineData("ＴＳＢ-2024", "letters and digits")]
    public void A_bad_bulletin_number_is_refused_on_its_field(string? text, string message)
    {
        var e = Assert.Throws<ValidationFailedException>(() => TsbNumber.Parse(text));
        Assert.Equal(TsbNumber.Field, Assert.Single(e.Errors).Key);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2019-2021", new[] { 2019, 2020, 2021 })]
    [InlineData("2023, 2019 - 2020", new[] { 2019, 2020, 2023 })]
    [InlineData("2020 2020;2021", new[] { 2020, 2021 })]
    [InlineData("1990", new[] { 1990 })]
    [InlineData("2027", new[] { 2027 })]
    public void Model_years_are_read_as_a_list_or_ranges(string text, int[] expected) => Assert.Equal(expected, TsbModelYears.Parse(text, 2026));

    [Theory]
    [InlineData("", "names the model years")]
    [InlineData("1989", "between 1990 and 2027")]
    [InlineData("2028", "between 1990 and 2027")]
    [InlineData("2021-2019", "ends before it starts")]
    [InlineData("19", "four digits")]
    [InlineData("2019-2020-2021", "not a year or a range")]
    [InlineData("twenty", "four digits")]
    [InlineData("2019; DROP TABLE tsb", "four digits")]
    public void Bad_model_years_are_refused_on_their_field(string text, string message)
    {
        var e = Assert.Throws<ValidationFailedException>(() => TsbModelYears.Parse(text, 2026));
        Assert.Equal(TsbModelYears.Field, Assert.Single(e.Errors).Key);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_years_beyond_the_input_limit_are_refused() =>
        Assert.Equal(TsbModelYears.Field, RefusedField(() => TsbModelYears.Parse(string.Join(",", Enumerable.Repeat("2020", 60)), 2026)));

    [Fact]
    public void Model_years_are_written_back_with_runs_as_ranges() => Assert.Equal("2017-2019, 2021, 2023-2024", TsbModelYears.Format([2024, 2017, 2018, 2019, 2021, 2023]));

    [Fact]
    public void A_draft_is_written_onto_a_bulletin_normalised()
    {
        var tsb = NewTsb();
        TsbRules.Apply(Draft() with { ModelIds = [2, 1, 2] }, tsb, Today);
        Assert.Equal(("TSB-2024-007", "MC-10176823"), (tsb.Number, tsb.NhtsaReference));
        Assert.Equal([1, 2], tsb.ModelIds);
        Assert.Equal([2019, 2020, 2021], tsb.ModelYears);
        Assert.True(TsbDraft.Of(tsb).SameAs(TsbDraft.Of(tsb) with { ModelIds = [1, 2] }));
        Assert.False(TsbDraft.Of(tsb).SameAs(TsbDraft.Of(tsb) with { ModelIds = [1] }));
    }

    [Fact]
    public void Each_field_is_refused_with_its_name_and_nothing_is_written()
    {
        var cases = new (TsbDraft Draft, string Field)[]
        {
            (Draft() with { Title = " " }, "title"),
            (Draft() with { Title = new string('t', Tsb.MaxTitleLength + 1) }, "title"),
            (Draft() with { Title = "Bell\u0007" }, "title"),
            (Draft() with { Title = "Admin\u202Egpj.exe" }, "title"),
            (Draft() with { Summary = null }, "summary"),
            (Draft() with { Summary = new string('s', Tsb.MaxSummaryLength + 1) }, "summary"),
            (Draft() with { Component = new string('c', Tsb.MaxComponentLength + 1) }, "component"),
            (Draft() with { ModelIds = [] }, "modelIds"),
            (Draft() with { ModelIds = [0] }, "modelIds"),
            (Draft() with { ModelIds = Enumerable.Range(1, TsbRules.MaxModels + 1).ToList() }, "modelIds"),
            (Draft() with { ModelYears = "2031" }, TsbModelYears.Field),
            (Draft() with { IssueDate = null }, "issueDate"),
            (Draft() with { IssueDate = Today.AddDays(1) }, "issueDate"),
            (Draft() with { DealerDate = new DateOnly(2024, 3, 1) }, "dealerDate"),
            (Draft() with { DealerDate = Today.AddDays(1) }, "dealerDate"),
            (Draft() with { CommunicationType = (TsbCommunicationType)42 }, "communicationType"),
            (Draft() with { NhtsaReference = "MC 1017" }, TsbNhtsaReference.Field),
            (Draft() with { NhtsaReference = new string('1', 21) }, TsbNhtsaReference.Field),
            (Draft() with { Number = "x" }, TsbNumber.Field),
        };
        foreach (var (draft, field) in cases)
        {
            var tsb = NewTsb();
            Assert.Equal(field, RefusedField(() => TsbRules.Apply(draft, tsb, Today)));
            Assert.Equal(("", ""), (tsb.Number, tsb.Title));
        }
    }

    [Fact]
    public void Markup_in_the_text_is_kept_as_text()
    {
        var tsb = NewTsb();
        TsbRules.Apply(Draft() with { Summary = "<script>alert(1)</script>\r\nSecond line" }, tsb, Today);
        Assert.Equal("<script>alert(1)</script>\nSecond line", tsb.Summary);
    }

    [Fact]
    public void A_pdf_is_accepted_by_its_first_bytes_whatever_its_name() => TsbPdf.Check("bulletin.txt", Encoding.ASCII.GetBytes("%PDF-1.7\n%%EOF"));

    [Theory]
    [InlineData("PK\u0003\u0004 zip", "is not a PDF")]
    [InlineData("<html>%PDF-</html>", "is not a PDF")]
    [InlineData("%PDF", "is not a PDF")]
    [InlineData("", "is empty")]
    public void A_file_that_is_not_a_pdf_is_refused(string content, string message)
    {
        var e = Assert.Throws<ValidationFailedException>(() => TsbPdf.Check("bulletin.pdf", Encoding.Latin1.GetBytes(content)));
        Assert.Equal(TsbPdf.Field, Assert.Single(e.Errors).Key);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_over_the_size_limit_is_refused()
    {
        var content = new byte[TsbPdf.MaxBytes + 1];
        "%PDF-"u8.CopyTo(content);
        var e = Assert.Throws<ValidationFailedException>(() => TsbPdf.Check("big.pdf", content));
        Assert.Contains("larger than 20 MB", e.Message, StringComparison.Ordinal);
        var fits = new byte[TsbPdf.MaxBytes];
        "%PDF-"u8.CopyTo(fits);
        TsbPdf.Check("fits.pdf", fits);
    }

    [Theory]
    [InlineData("TSB-2024-007.pdf", "TSB-2024-007.pdf")]
    [InlineData("../../etc/passwd", "passwd.pdf")]
    [InlineData("C:\\Users\\me\\Bulletin 7.PDF", "Bulletin 7.pdf")]
    [InlineData("evil\u202Efdp.exe", "evil_fdp.exe.pdf")]
    [InlineData("a\"b;c\r\nd.pdf", "a_b_c__d.pdf")]
    [InlineData("", "bulletin.pdf")]
    [InlineData("...", "bulletin.pdf")]
    [InlineData(null, "bulletin.pdf")]
    [InlineData("bulletin 😀.pdf", "bulletin _.pdf")]
    public void A_file_name_is_kept_only_as_a_safe_name(string? name, string expected) => Assert.Equal(expected, TsbPdf.SafeName(name));

    [Fact]
    public void A_long_file_name_is_shortened_and_keeps_its_extension()
    {
        var name = TsbPdf.SafeName(new string('n', 500) + ".pdf");
        Assert.Equal(TsbPdf.MaxNameLength, name.Length);
        Assert.EndsWith(".pdf", name, StringComparison.Ordinal);
    }
}
