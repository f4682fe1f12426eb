using Arc.Domain.Common;

namespace Arc.Domain.Telemetry;

/// <summary>
/// A vehicle's GPS privacy setting (vehicle meta <c>privacy/record_gps</c>, true only when it reads "true" in any
/// case) and the points it covers. A vehicle that does not record GPS shows and exports no position anywhere.
/// </summary>
public static class GpsPrivacy
{
    /// <summary>The position points: <c>gps_latitude</c>, <c>gps_longitude</c>, <c>gps_altitude</c>, and <c>gps_position</c> as configured.</summary>
    public static bool Covers(string point) => point.StartsWith("gps_", StringComparison.Ordinal);

    public static async Task<bool> RecordsGpsAsync(IArcData data, string vin, CancellationToken ct) =>
        (await RecordingGpsAsync(data, [vin], ct)).Count == 1;

    /// <summary>Which of the vehicles record GPS, in one query.</summary>
    public static async Task<IReadOnlySet<string>> RecordingGpsAsync(IArcData data, IReadOnlyCollection<string> vins, CancellationToken ct)
    {
        var settings = await data.ListAsync(data.VehicleMeta
            .Where(m => vins.Contains(m.Vin) && m.Section == "privacy" && m.Key == "record_gps").Select(m => new { m.Vin, m.Value }), ct);
        return settings.Where(s => string.Equals(s.Value, "true", StringComparison.OrdinalIgnoreCase)).Select(s => s.Vin).ToHashSet();
    }
}
