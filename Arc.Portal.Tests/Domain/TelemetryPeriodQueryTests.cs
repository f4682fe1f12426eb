using Arc.Domain.Common;
using Arc.Portal.Api;

namespace Arc.Portal.Tests.Domain;

/// <summary>The old telemetry query form, <c>point</c>, <c>point[start:]</c> and <c>point[start:end]</c>, read as the old function read it.</summary>
public sealed class TelemetryPeriodQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("speed")]
    [InlineData("speed[1h]")]
    [InlineData("bms_pack_soc[]")]
    public void A_plain_point_or_a_bracket_without_a_colon_asks_for_the_latest_value(string text)
    {
        var term = TelemetryPeriodQuery.ParseTerm(text, Now);
        Assert.True(term.IsLatest);
        Assert.Equal(text, term.Text);
    }

    [Theory]
    [InlineData("speed[1h:]", 60)]
    [InlineData("speed[30d:]", 30 * 24 * 60)]
    [InlineData("speed[1h30m:]", 90)]
    [InlineData("speed[2w:]", 14 * 24 * 60)]
    [InlineData("speed[90s:]", 1.5)]
    [InlineData("speed[1500ms:]", 0.025)]
    public void A_duration_without_an_end_is_a_period_up_to_now(string text, double minutes)
    {
        var term = TelemetryPeriodQuery.ParseTerm(text, Now);
        Assert.Equal(("speed", Now.AddMinutes(-minutes), Now), (term.Point, term.From!.Value, term.To!.Value));
    }

    [Theory]
    [InlineData("speed[1620000000000ms:1620003600000ms]")]
    [InlineData("speed[1620000000s:1620003600s]")]
    [InlineData("speed[1620000000000000u:1620003600000000u]")]
    [InlineData("speed[1620000000000000000ns:1620003600000000000ns]")]
    public void Two_epoch_times_with_their_unit_are_a_period_between_them(string text)
    {
        var term = TelemetryPeriodQuery.ParseTerm(text, Now);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_620_000_000), term.From);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_620_003_600), term.To);
    }

    [Theory]
    [InlineData("Speed")]
    [InlineData("speed[")]
    [InlineData("speed[1h:][2h:]")]
    [InlineData("speed[1x:]")]
    [InlineData("speed[h:]")]
    [InlineData("speed[-1h:]")]
    [InlineData("speed[1h:2h]")]
    [InlineData("speed[1620000000000:1620003600000]")]
    [InlineData("speed[1620000000000ms:1h]")]
    [InlineData("speed[99999999999999999999h:]")]
    [InlineData("speed[999999999999999999w:]")]
    [InlineData("speed[9999999999999999999s:1s]")]
    [InlineData("speed; DROP MEASUREMENT telemetry")]
    [InlineData("speed[1h:]\"")]
    public void Anything_else_is_refused_naming_the_term(string text)
    {
        var refused = Assert.Throws<ValidationFailedException>(() => TelemetryPeriodQuery.ParseTerm(text, Now));
        Assert.Contains("is not a telemetry query", refused.Message, StringComparison.Ordinal);
        Assert.True(refused.Errors.ContainsKey("points"));
    }

    [Fact]
    public void A_list_is_split_on_commas_and_limited()
    {
        Assert.Equal(["soc", "speed[1h:]"], TelemetryPeriodQuery.Parse(" soc , speed[1h:] ,", Now).Select(t => t.Text));
        Assert.Throws<ValidationFailedException>(() => TelemetryPeriodQuery.Parse("", Now));
        Assert.Throws<ValidationFailedException>(() => TelemetryPeriodQuery.Parse(string.Join(',', Enumerable.Repeat("speed", 51)), Now));
        Assert.Throws<ValidationFailedException>(() => TelemetryPeriodQuery.Parse(new string('a', TelemetryPeriodQuery.MaxLength + 1), Now));
    }
}
