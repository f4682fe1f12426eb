using Arc.Domain.Common;
using Arc.Domain.Models;

namespace Arc.Portal.Tests.Domain;

public sealed class CatalogueRulesTests
{
    private static readonly string[] Types = ["BMS", "Comm", "KERS Sensor"];
    private static readonly HashSet<(string, string)> Known = [("BMS", "001052"), ("Comm", "004280"), ("KERS Sensor", "001325"), ("KERS Sensor", "001412")];

    private static Dictionary<string, string?> Bill(string kers = "001412") => new() { ["BMS"] = "001052", ["Comm"] = "004280", ["KERS Sensor"] = kers };

    [Fact]
    public void A_release_lists_a_known_part_number_for_every_current_part_type()
    {
        var bill = CatalogueRules.ReleaseParts(Bill(), Types, Known);
        Assert.Equal("001412", bill["KERS Sensor"]);
        Assert.Equal(3, bill.Count);
    }

    [Fact]
    public void A_release_missing_a_current_part_type_is_refused_naming_every_missing_type()
    {
        var parts = Bill();
        parts.Remove("BMS");
        parts["Comm"] = " ";
        var e = Assert.Throws<ValidationFailedException>(() => CatalogueRules.ReleaseParts(parts, Types, Known));
        var problems = e.Errors["parts"];
        Assert.Equal(2, problems.Length);
        Assert.Contains(problems, p => p.StartsWith("BMS:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Comm:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_part_number_not_in_the_catalogue_or_malformed_or_an_unknown_type_is_refused()
    {
        var parts = Bill("009999");
        parts["BMS"] = "<b>x</b>";
        parts["Warp Drive"] = "123456";
        var e = Assert.Throws<ValidationFailedException>(() => CatalogueRules.ReleaseParts(parts, Types, Known));
        var problems = e.Errors["parts"];
        Assert.Contains(problems, p => p.Contains("009999 is not a KERS Sensor part", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("BMS:", StringComparison.Ordinal) && p.Contains("exactly 6", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'Warp Drive' is not a current part type", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_bills_are_the_same_only_when_every_type_has_the_same_number()
    {
        var a = new Dictionary<string, string> { ["BMS"] = "001052", ["KERS Sensor"] = "001412" };
        Assert.True(CatalogueRules.SameBill(a, new Dictionary<string, string>(a)));
        Assert.False(CatalogueRules.SameBill(a, new Dictionary<string, string> { ["BMS"] = "001052", ["KERS Sensor"] = "001325" }));
        Assert.False(CatalogueRules.SameBill(a, new Dictionary<string, string> { ["BMS"] = "001052" }));
    }

    [Theory]
    [InlineData("004280", "004280")]
    [InlineData(" ab12cd ", "AB12CD")]
    public void Part_numbers_are_six_letters_or_digits(string input, string expected) => Assert.Equal(expected, CatalogueRules.PartNumber(input));

    [Theory]
    [InlineData("")]
    [InlineData("00428")]
    [InlineData("0042800")]
    [InlineData("00-280")]
    [InlineData("<scrip")]
    public void Other_part_numbers_are_refused(string input) => Assert.Throws<ValidationFailedException>(() => CatalogueRules.PartNumber(input));

    [Theory]
    [InlineData("I")]
    [InlineData("O")]
    [InlineData("Q")]
    [InlineData("TT")]
    [InlineData("")]
    public void A_model_letter_is_one_vin_character(string letter) => Assert.Throws<ValidationFailedException>(() => CatalogueRules.LetterCode(letter));

    [Theory]
    [InlineData("Cargo\u202Egpj")]
    [InlineData("<script>")]
    [InlineData("A name far longer than twenty")]
    public void Hostile_or_long_model_names_are_refused(string name) => Assert.Throws<ValidationFailedException>(() => CatalogueRules.ModelName(name));

    [Fact]
    public void A_release_description_needs_ten_characters() =>
        Assert.Throws<ValidationFailedException>(() => CatalogueRules.ReleaseDescription("Too short"));
}
