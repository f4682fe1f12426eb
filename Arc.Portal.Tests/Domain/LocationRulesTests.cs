using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Arc.Domain.Locations;

namespace Arc.Portal.Tests.Domain;

/// <summary>The rules of a location's fields and of accounting codes, with the messages the forms show.</summary>
public sealed class LocationRulesTests
{
    [Theory]
    [InlineData(90.1, 0, "latitude")]
    [InlineData(-90.5, 0, "latitude")]
    [InlineData(0, 180.01, "longitude")]
    [InlineData(0, -181, "longitude")]
    public void A_position_off_the_globe_is_refused_on_its_field(double latitude, double longitude, string field)
    {
        var e = Assert.Throws<ValidationFailedException>(() => LocationRules.Position((decimal)latitude, (decimal)longitude));
        Assert.Equal(field, Assert.Single(e.Errors).Key);
        Assert.Contains("between", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_position_on_the_edges_is_kept_and_rounded_to_ten_places()
    {
        Assert.Equal((90m, -180m), LocationRules.Position(90m, -180m));
        Assert.Equal((44.0521000001m, -123.0868m), LocationRules.Position(44.05210000005m, -123.0868m));
    }

    [Fact]
    public void Half_a_position_is_refused()
    {
        var e = Assert.Throws<ValidationFailedException>(() => LocationRules.Position(44m, null));
        Assert.Equal("longitude", Assert.Single(e.Errors).Key);
        Assert.Equal((null, null), LocationRules.Position(null, null));
    }

    [Theory]
    [InlineData("de", "DE")]
    [InlineData(" us ", "US")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_known_country_is_kept_upper_case(string? given, string? kept) => Assert.Equal(kept, LocationRules.Country(given));

    [Theory]
    [InlineData("XX")]
    [InlineData("USA")]
    [InlineData("U")]
    public void An_unknown_country_is_refused(string code)
    {
        var e = Assert.Throws<ValidationFailedException>(() => LocationRules.Country(code));
        Assert.Equal("country", Assert.Single(e.Errors).Key);
    }

    [Fact]
    public void The_country_list_holds_every_iso_code_once_with_its_english_name()
    {
        Assert.True(Countries.All.Count >= 249);
        Assert.Equal(Countries.All.Count, Countries.All.Select(c => c.Code).Distinct().Count());
        Assert.All(Countries.All, c => Assert.Matches("^[A-Z]{2}$", c.Code));
        Assert.Equal("Germany", Countries.NameOf("DE"));
        Assert.Equal("United States", Countries.NameOf("US"));
    }

    [Fact]
    public void Text_is_trimmed_empty_means_none_and_hidden_or_long_text_is_refused()
    {
        Assert.Equal("Main", LocationRules.Text("  Main ", "streetName", "The street name", 50));
        Assert.Null(LocationRules.Text("   ", "streetName", "The street name", 50));
        var tooLong = Assert.Throws<ValidationFailedException>(() => LocationRules.Text(new string('a', 51), "city", "The city", 50));
        Assert.Equal("The city has at most 50 characters.", tooLong.Message);
        var hidden = Assert.Throws<ValidationFailedException>(() => LocationRules.Text("Depot\u202Egpj.exe", "city", "The city", 50));
        Assert.Equal("city", Assert.Single(hidden.Errors).Key);
        Assert.Throws<ValidationFailedException>(() => LocationRules.Name(" "));
    }

    [Fact]
    public void A_draft_with_no_field_is_blank_and_one_with_any_field_is_not()
    {
        Assert.True(new LocationDraft(null).IsBlank);
        Assert.True(new LocationDraft(" ", City: "").IsBlank);
        Assert.False(new LocationDraft(null, Latitude: 1m).IsBlank);
        Assert.False(new LocationDraft(null, City: "Eugene").IsBlank);
    }

    [Fact]
    public void A_department_code_has_at_most_eight_characters_unlike_the_old_system()
    {
        Assert.Equal("ENG-0710", AccountingCodes.Check(" ENG-0710 ", DepartmentCode.MaxCodeLength, "department code"));
        var e = Assert.Throws<ValidationFailedException>(() => AccountingCodes.Check("ENG-07100", DepartmentCode.MaxCodeLength, "department code"));
        Assert.Equal("A department code has at most 8 characters; 'ENG-07100' has 9.", e.Message);
        Assert.Throws<ValidationFailedException>(() => AccountingCodes.Check("", 8, "department code"));
        Assert.Throws<ValidationFailedException>(() => AccountingCodes.Check("A B", 8, "department code"));
        Assert.Throws<ValidationFailedException>(() => AccountingCodes.Check("A\u202EB", 8, "department code"));
    }

    [Fact]
    public void The_address_reads_on_one_line_without_the_empty_parts()
    {
        var view = new LocationView(1, "Depot", 2180, "B", "Garfield", "St", "W", "Plant 2", 6, "Suite", "100", "Eugene", "OR", "97402", null, "US",
            null, null, null, null, "me", 0);
        Assert.Equal("Plant 2, 2180B W Garfield St, Suite 100, Eugene, OR, 97402, United States", view.AddressLine);
        Assert.Equal("", (view with
        {
            StructureName = null,
            StreetNumber = null,
            StreetNumberSuffix = null,
            StreetDirection = null,
            StreetName = null,
            StreetType = null,
            AddressType = null,
            City = null,
            GoverningDistrict = null,
            PostalArea = null,
            Country = null
        }).AddressLine);
    }
}
