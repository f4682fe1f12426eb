using Arc.Domain.Common;
using Arc.Domain.Recalls;

namespace Arc.Portal.Tests.Domain;

/// <summary>The NHTSA campaign number's forms and a recall's field rules, with the messages the form shows.</summary>
public sealed class RecallRulesTests
{
    private const int Year = 2026;

    [Theory]
    [InlineData("23V862000", "23V862000")]
    [InlineData("23V-862", "23V862000")]
    [InlineData(" 23v-862 ", "23V862000")]
    [InlineData("23V862", "23V862000")]
    [InlineData("18E001", "18E001000")]
    [InlineData("99T123000", "99T123000")]
    [InlineData("26C999", "26C999000")]
    public void A_campaign_number_in_any_accepted_form_is_normalised(string text, string expected) =>
        Assert.Equal(expected, NhtsaCampaignNumber.Parse(text, Year));

    [Theory]
    [InlineData("", "needs its NHTSA campaign number")]
    [InlineData("none", "needs its NHTSA campaign number")]
    [InlineData(null, "needs its NHTSA campaign number")]
    [InlineData("23X862000", "type: V, E, T or C")]
    [InlineData("AAV862000", "two-digit year")]
    [InlineData("27V001", "lies in the future")]
    [InlineData("23V000", "starts at 001")]
    [InlineData("23V86", "two-digit year")]
    [InlineData("23V8620001", "two-digit year")]
    [InlineData("23V862999", "two-digit year")]
    [InlineData("23V--862", "two-digit year")]
    [InlineData("23V862000'; DROP TABLE recalls;--", "nine characters")]
    [InlineData("<script>alert(1)</script>", "nine characters")]
    [InlineData("２３V８６２", "two-digit year")]
    public void A_bad_campaign_number_is_refused_on_its_field(string? text, string message)
    {
        var e = Assert.Throws<ValidationFailedException>(() => NhtsaCampaignNumber.Parse(text, Year));
        Assert.Equal(NhtsaCampaignNumber.Field, Assert.Single(e.Errors).Key);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_short_form_is_what_people_say() => Assert.Equal("23V-862", NhtsaCampaignNumber.ShortForm("23V862000"));

    [Fact]
    public void A_safety_recall_needs_its_safety_description()
    {
        var recall = NewRecall();
        var e = Assert.Throws<ValidationFailedException>(() => RecallRules.Apply(Draft() with { SafetyRecall = true, SafetyDescription = "  " }, recall, Year));
        Assert.Equal("safetyDescription", Assert.Single(e.Errors).Key);
        Assert.Equal("", recall.Title);
    }

    [Fact]
    public void A_recall_that_is_not_for_safety_keeps_no_safety_description()
    {
        var recall = NewRecall();
        RecallRules.Apply(Draft() with { SafetyRecall = false, SafetyDescription = "Left over" }, recall, Year);
        Assert.Null(recall.SafetyDescription);
        RecallRules.Apply(Draft() with { SafetyRecall = true, SafetyDescription = " Loss of braking " }, recall, Year);
        Assert.Equal("Loss of braking", recall.SafetyDescription);
    }

    [Theory]
    [InlineData("", "USA")]
    [InlineData("can", "CAN")]
    public void The_country_defaults_to_usa_and_is_upper_case(string code, string expected) => Assert.Equal(expected, RecallRules.Country(code));

    [Theory]
    [InlineData("US")]
    [InlineData("U5A")]
    [InlineData("USAA")]
    public void A_country_that_is_not_three_letters_is_refused(string code) =>
        Assert.Equal("country", Assert.Single(Assert.Throws<ValidationFailedException>(() => RecallRules.Country(code)).Errors).Key);

    [Theory]
    [InlineData("XYZ")]
    [InlineData("EUR")]
    public void Three_letters_that_name_no_country_are_refused(string code)
    {
        var refusal = Assert.Throws<ValidationFailedException>(() => RecallRules.Country(code));
        Assert.Equal($"'{code}' is not a country's three-letter ISO code; use one such as USA or CAN.", Assert.Single(refusal.Errors["country"]));
    }

    [Theory]
    [InlineData("deu", "DEU")]
    [InlineData("MEX", "MEX")]
    public void Every_current_iso_country_is_accepted(string code, string expected) => Assert.Equal(expected, RecallRules.Country(code));

    [Fact]
    public void Missing_and_oversized_fields_are_refused_on_their_field()
    {
        Assert.Equal("title", Field(Draft() with { Title = " " }));
        Assert.Equal("title", Field(Draft() with { Title = new string('t', Recall.MaxTitleLength + 1) }));
        Assert.Equal("description", Field(Draft() with { Description = null }));
        Assert.Equal("manufacturerNumber", Field(Draft() with { ManufacturerNumber = new string('m', 51) }));
        Assert.Equal("component", Field(Draft() with { Component = "Brakes\u0000" }));
        Assert.Equal("reportSubmittedDate", Field(Draft() with { DeterminationDate = new DateOnly(2023, 5, 2), ReportSubmittedDate = new DateOnly(2023, 5, 1) }));
    }

    [Fact]
    public void An_unknown_remedy_type_is_refused() =>
        Assert.Throws<ValidationFailedException>(() => RecallRules.RemedyTypeOf((RemedyType)7));

    private static string Field(RecallDraft draft) =>
        Assert.Single(Assert.Throws<ValidationFailedException>(() => RecallRules.Apply(draft, NewRecall(), Year)).Errors).Key;

    private static RecallDraft Draft() => new("Brake fittings", "Fittings may loosen.", "23V-862");

    private static Recall NewRecall() => new() { Title = "", Description = "", NhtsaNumber = "", CreatedBy = "test" };
}
