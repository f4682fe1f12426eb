namespace Arc.Infrastructure.Telemetry;

/// <summary>
/// A list of VINs as the bound patterns of <see cref="InfluxTelemetryStore.ExactAlternatives"/>, split only where one
/// would grow past what one request should carry (InfluxDB parses a query's form with Go's reader, which stops at 10 MB).
/// </summary>
public static class VinPatterns
{
    /// <summary>How long one pattern may grow (about 50,000 VINs) before the VINs are split over requests.</summary>
    public const int MaxPatternLength = 1_000_000;

    /// <summary>The VINs as exact-match patterns, as few as the length limit allows: one for any real fleet.</summary>
    public static IEnumerable<string> Split(IEnumerable<string> vins, int maxLength = MaxPatternLength)
    {
        var chunk = new List<string>();
        var length = 0;
        foreach (var vin in vins)
        {
            // The VIN as it stands in the pattern, escaped, with its '|' (a pattern of one is 6 characters around it).
            var cost = InfluxTelemetryStore.ExactAlternatives([vin]).Length - 5;
            if (chunk.Count > 0 && length + cost > maxLength)
            {
                yield return InfluxTelemetryStore.ExactAlternatives(chunk);
                chunk.Clear();
                length = 0;
            }
            chunk.Add(vin);
            length += cost;
        }
        if (chunk.Count > 0)
            yield return InfluxTelemetryStore.ExactAlternatives(chunk);
    }
}
