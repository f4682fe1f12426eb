using Arc.Domain.Common;
using Arc.Domain.Fleets;

namespace Arc.Portal.Tests.Domain;

public sealed class FleetRulesTests
{
    [Theory]
    [InlineData("  Harbour  ", "Harbour")]
    [InlineData("Rental – Eugene", "Rental – Eugene")]
    public void A_name_is_trimmed(string input, string expected) => Assert.Equal(expected, FleetRules.Name(input));

    [Theory]
    [InlineData(null, "A fleet needs a name.")]
    [InlineData(" \t ", "A fleet needs a name.")]
    [InlineData("ab\u0007c", "cannot hold control characters")]
    public void A_missing_or_hidden_name_is_refused(string? input, string message)
    {
        var error = Assert.Throws<ValidationFailedException>(() => FleetRules.Name(input));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.True(error.Errors.ContainsKey("name"));
    }

    [Fact]
    public void A_name_of_64_characters_is_taken_and_one_of_65_refused()
    {
        Assert.Equal(64, FleetRules.Name(new string('a', 64)).Length);
        Assert.Contains("at most 64", Assert.Throws<ValidationFailedException>(() => FleetRules.Name(new string('a', 65))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pasted_vins_are_split_on_lines_commas_semicolons_and_blanks_keeping_their_line_numbers()
    {
        var entries = FleetVinList.Read("A1, A2;A3\n\n  A4\tA5  \r\nA6");
        Assert.Equal([(1, "A1"), (1, "A2"), (1, "A3"), (3, "A4"), (3, "A5"), (4, "A6")], entries.Select(e => (e.Line, e.Text)));
    }

    [Fact]
    public void A_csv_with_a_vin_header_reads_that_column_and_reports_a_formula_in_any_cell()
    {
        var entries = FleetVinList.Read("\uFEFFName,Vin\r\n\"Smith, J\",V1\r\n=cmd|' /C calc'!A0,V2\r\nshort\r\n");
        Assert.Equal([(2, "V1"), (3, "=cmd|' /C calc'!A0"), (4, "")], entries.Select(e => (e.Line, e.Text)));
    }

    [Fact]
    public void A_formula_in_a_pasted_list_stays_one_entry()
    {
        var entry = Assert.Single(FleetVinList.Read("=HYPERLINK(\"http://x\" \"y\")"));
        Assert.StartsWith("=HYPERLINK", entry.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Paste at least one VIN")]
    [InlineData("vin\n\n", "header row but no VINs")]
    [InlineData("\"unclosed", "quoted cell is not closed")]
    public void An_empty_or_unreadable_list_is_refused_whole(string text, string message) =>
        Assert.Contains(message, Assert.Throws<ValidationFailedException>(() => FleetVinList.Read(text)).Message, StringComparison.Ordinal);

    [Fact]
    public void A_list_of_more_than_5000_vins_is_refused()
    {
        var text = string.Join("\n", Enumerable.Repeat("X", FleetVinList.MaxVins + 1));
        Assert.Contains("at most 5000", Assert.Throws<ValidationFailedException>(() => FleetVinList.Read(text)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fleet_event_in_the_audit_log_links_to_the_fleets_page() =>
        Assert.Equal("fleets/7", Arc.Portal.Components.Audit.AuditEntityPages.Href(FleetAuditActions.EntityType, "7"));
}
