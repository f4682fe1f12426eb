using System.Text.Json;
using Arc.Domain.Telemetry;

namespace Arc.Infrastructure.Telemetry;

public sealed partial class InfluxTelemetryStore
{
    /// <summary>
    /// Six statements in one request per VIN pattern (one for any real fleet): the first and last odometer in the range
    /// and the last before it, each from raw data and from the down-sampled series (raw data is kept 30 days, so last
    /// month is partly or wholly down-sampled by the time it is exported). Of each pair the earlier first, the later last
    /// and the later "before" are kept.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, MonthOdometers>> RangeOdometersAsync(IReadOnlyList<string> vins, DateTimeOffset from, DateTimeOffset to,
        CancellationToken ct = default)
    {
        var result = new Dictionary<string, MonthOdometers>(StringComparer.Ordinal);
        var inRange = $"time >= {from.ToUnixTimeMilliseconds()}ms AND time < {to.ToUnixTimeMilliseconds()}ms";
        var before = $"time < {from.ToUnixTimeMilliseconds()}ms";
        string Statement(string selector, string policy, string field, string time) =>
            $"SELECT {selector}(\"{field}\") FROM \"{policy}\".\"{Measurement}\" WHERE \"vin\" =~ $vins AND {time} GROUP BY \"vin\"";
        var statements = new[]
        {
            Statement("first", RawPolicy, "odometer", inRange), Statement("first", DownsampledPolicy, "last_odometer", inRange),
            Statement("last", RawPolicy, "odometer", inRange), Statement("last", DownsampledPolicy, "last_odometer", inRange),
            Statement("last", RawPolicy, "odometer", before), Statement("last", DownsampledPolicy, "last_odometer", before),
        };
        foreach (var pattern in VinPatterns.Split(vins.Distinct(StringComparer.Ordinal)))
        {
            var parameters = new Dictionary<string, object> { ["vins"] = new { regex = pattern } };
            using var document = await QueryAsync(string.Join("; ", statements), parameters, ct);
            var results = document.RootElement.GetProperty("results");
            var readings = new Dictionary<string, OdometerReading>[statements.Length];
            for (var i = 0; i < statements.Length; i++)
            {
                readings[i] = new Dictionary<string, OdometerReading>(StringComparer.Ordinal);
                foreach (var row in Rows(results[i]))
                {
                    if (row.Vin is not null && row.Values[1].ValueKind == JsonValueKind.Number)
                        readings[i][row.Vin] = new OdometerReading(row.Values[1].GetDouble(), DateTimeOffset.FromUnixTimeMilliseconds(row.Values[0].GetInt64()));
                }
            }
            foreach (var vin in readings.SelectMany(r => r.Keys).Distinct(StringComparer.Ordinal))
            {
                OdometerReading? Pick(int raw, int downsampled, bool earliest)
                {
                    var (a, b) = (readings[raw].GetValueOrDefault(vin), readings[downsampled].GetValueOrDefault(vin));
                    if (a is null || b is null)
                        return a ?? b;
                    return (a.At <= b.At) == earliest ? a : b;
                }
                result[vin] = new MonthOdometers(Pick(0, 1, earliest: true), Pick(2, 3, earliest: false), Pick(4, 5, earliest: false));
            }
        }
        return result;
    }
}
