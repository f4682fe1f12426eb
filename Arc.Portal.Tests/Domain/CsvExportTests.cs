using Arc.Domain.Common;

namespace Arc.Portal.Tests.Domain;

public class CsvExportTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.test\",\"click\")", "\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"click\"\")\"")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    public void Cells_a_spreadsheet_would_read_as_formulas_get_a_leading_apostrophe(string value, string written) =>
        Assert.Equal(written, Csv.Cell(value));

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("mid=formula", "mid=formula")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Cells_are_quoted_only_when_they_hold_a_comma_a_quote_or_a_line_break(string? value, string written) =>
        Assert.Equal(written, Csv.Cell(value));

    [Fact]
    public void A_table_is_written_with_its_header_and_crlf_line_ends_and_unicode_kept()
    {
        var text = Csv.Write(["Name", "City"], [["Zoë Ångström", "Zürich"], ["李雷", null], ["🚗 Fleet", "Montréal, QC"]]);
        Assert.Equal("Name,City\r\nZoë Ångström,Zürich\r\n李雷,\r\n🚗 Fleet,\"Montréal, QC\"\r\n", text);
    }

    [Fact]
    public void An_empty_list_is_its_header_alone() =>
        Assert.Equal("VIN,Model\r\n", Csv.Write(["VIN", "Model"], []));

    [Fact]
    public async Task An_export_reads_every_page_in_order_and_stops_at_the_bound()
    {
        var all = Enumerable.Range(1, 450).ToList();
        var asked = new List<(int Index, int Size)>();
        Task<Page<int>> Read(int index, int size, CancellationToken _)
        {
            asked.Add((index, size));
            return Task.FromResult(new Page<int>(all.Skip(index * size).Take(size).ToList(), all.Count, index, size));
        }

        var everything = await ListExport.CollectAsync(Read);
        Assert.Equal(all, everything.Rows);
        Assert.False(everything.Truncated);
        Assert.Equal([(0, Paging.MaxPageSize), (1, Paging.MaxPageSize), (2, Paging.MaxPageSize)], asked);

        var bounded = await ListExport.CollectAsync(Read, maxRows: 250);
        Assert.Equal(all.Take(250), bounded.Rows);
        Assert.True(bounded.Truncated);
        Assert.Equal(450, bounded.Total);
    }

    [Fact]
    public async Task An_export_of_an_empty_list_asks_once_and_writes_the_header()
    {
        var exported = await ListExport.CollectAsync((index, size, _) => Task.FromResult(new Page<string>([], 0, index, size)));
        Assert.Empty(exported.Rows);
        Assert.Equal("Name\r\n", ListExport.ToCsv(exported.Rows, [new CsvColumn<string>("Name", s => s)]));
    }
}
