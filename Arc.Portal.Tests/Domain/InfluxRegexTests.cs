using Arc.Infrastructure.Telemetry;

namespace Arc.Portal.Tests.Domain;

public class InfluxRegexTests
{
    [Theory]
    [InlineData(new[] { "DEV-7F7ATR310PER90001" }, @"^(?:DEV\-7F7ATR310PER90001)$")]
    [InlineData(new[] { "A1", "B2" }, @"^(?:A1|B2)$")]
    [InlineData(new[] { ".*", "a|b", "x)$" }, @"^(?:\.\*|a\|b|x\)\$)$")]
    [InlineData(new[] { "a b\u00e9\n" }, @"^(?:a\x{20}b\x{E9}\x{A})$")]
    public void Fleet_vins_become_exact_alternatives_that_no_value_can_widen(string[] vins, string expected) =>
        Assert.Equal(expected, InfluxTelemetryStore.ExactAlternatives(vins));
}
