using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Arc.Domain.Common;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Telemetry;

/// <summary>
/// The name of a telemetry point (an InfluxDB field), e.g. <c>bms_pack_soc</c>. Only lower-case letters, digits and
/// underscores are allowed, so a name can never carry InfluxQL of its own.
/// </summary>
public sealed partial record TelemetryPoint
{
    private TelemetryPoint(string name) => Name = name;

    public string Name { get; }

    public override string ToString() => Name;

    public static TelemetryPoint Parse(string? text) =>
        text is not null && Shape().IsMatch(text)
            ? new TelemetryPoint(text)
            : throw new ValidationFailedException("point", $"'{(text is null ? "" : text.Length > 40 ? text[..40] + "…" : text)}' is not a telemetry point name.");

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex Shape();
}

/// <summary>One vehicle's values at one moment: numeric fields by point name.</summary>
public sealed record TelemetrySample(string Vin, DateTimeOffset Time, IReadOnlyDictionary<string, double> Fields);

/// <summary>Samples made ready for the store: <paramref name="Encoded"/> is the store's own form of them, empty when it has none.</summary>
public sealed record TelemetryWrite(IReadOnlyList<TelemetrySample> Samples, ReadOnlyMemory<byte> Encoded = default);

/// <summary>The latest value of a point and when it was reported.</summary>
public sealed record LatestValue(double Value, DateTimeOffset Time);

/// <summary>The telemetry store (InfluxDB over its v1 HTTP API in every deployment).</summary>
public interface ITelemetryStore
{
    Task WriteAsync(IReadOnlyList<TelemetrySample> samples, CancellationToken ct = default);

    /// <summary>
    /// Makes a write ready without sending it (the store's own encoding of the samples), so a writer can prepare the next
    /// batch while the store is busy with the previous one. A store with nothing to prepare hands the samples back.
    /// </summary>
    /// <exception cref="Common.ValidationFailedException">A sample can never be written (a field name is not a point name).</exception>
    TelemetryWrite Prepare(IReadOnlyList<TelemetrySample> samples) => new(samples);

    /// <summary>Sends a write made ready by <see cref="Prepare"/>.</summary>
    Task WriteAsync(TelemetryWrite write, CancellationToken ct = default) => WriteAsync(write.Samples, ct);

    Task<IReadOnlyDictionary<string, LatestValue>> LatestAsync(string vin, IReadOnlyList<TelemetryPoint> points, CancellationToken ct = default);

    /// <summary>One point's series over a range, aggregated on the server to at most <see cref="TelemetryRange.MaxPoints"/> buckets.</summary>
    Task<TelemetrySeries> SeriesAsync(string vin, TelemetryPoint point, TelemetryRange range, CancellationToken ct = default);

    /// <summary>The last-known state of many vehicles in one round trip (one statement per point, never one query per vehicle).</summary>
    Task<IReadOnlyList<VehicleLatestState>> LatestStatesAsync(IReadOnlyList<string> vins, CancellationToken ct = default);

    /// <summary>
    /// <see cref="LatestStatesAsync"/> with what each vehicle was last doing (its speed and battery pack current), in one
    /// round trip for any real fleet, whatever its size (the fleet dashboard).
    /// </summary>
    Task<IReadOnlyList<VehicleLatestState>> LatestActivityAsync(IReadOnlyList<string> vins, CancellationToken ct = default) => LatestStatesAsync(vins, ct);

    /// <summary>
    /// The latest odometer (km) of each of the vehicles that has one, raw data first and the down-sampled series for a
    /// vehicle silent longer than raw data is kept; in one round trip for any real fleet, whatever its size.
    /// </summary>
    async Task<IReadOnlyDictionary<string, double>> LatestOdometersAsync(IReadOnlyList<string> vins, CancellationToken ct = default) =>
        (await LatestStatesAsync(vins, ct)).Where(s => s.OdometerKm is not null).ToDictionary(s => s.Vin, s => s.OdometerKm!.Value, StringComparer.Ordinal);

    /// <summary>
    /// The odometer of each of the vehicles around a range (<see cref="MonthOdometers"/>), for all of them in one round
    /// trip whatever their number; a vehicle that never reported an odometer is absent.
    /// </summary>
    Task<IReadOnlyDictionary<string, MonthOdometers>> RangeOdometersAsync(IReadOnlyList<string> vins, DateTimeOffset from, DateTimeOffset to,
        CancellationToken ct = default) => throw new NotSupportedException("This telemetry store cannot read odometers over a range.");

    /// <summary>
    /// Aggregates a range of raw data into the 30-minute series explicitly (continuous queries only cover new data, so
    /// backfilled and generated history needs this).
    /// </summary>
    Task DownsampleAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default);

    /// <summary>How many VINs the store's index holds: the values of the <c>vin</c> tag, which InfluxDB's max-values-per-tag limits.</summary>
    Task<long> VinCountAsync(CancellationToken ct = default);

    /// <summary>Every raw row of the points in a range, oldest first, read a day at a time (for exports).</summary>
    IAsyncEnumerable<(DateTimeOffset Time, double?[] Values)> RawRowsAsync(string vin, IReadOnlyList<TelemetryPoint> points, DateTimeOffset from, DateTimeOffset to,
        CancellationToken ct = default);

    /// <summary>
    /// Every raw row of the points in a range (ends included), oldest first, as one query whose answer is read as it
    /// arrives, so a long range costs one round trip and little memory (trip detection). A store without such a read
    /// answers with <see cref="RawRowsAsync"/>.
    /// </summary>
    IAsyncEnumerable<(DateTimeOffset Time, double?[] Values)> StreamRowsAsync(string vin, IReadOnlyList<TelemetryPoint> points, DateTimeOffset from,
        DateTimeOffset to, CancellationToken ct = default) => RawRowsAsync(vin, points, from, to, ct);
}

/// <summary>
/// The ingest transform of spec/backend.md §6.3: each record has a vin and a list of data items; each item becomes a
/// sample whose timestamp is parsed from its date string, whose <c>gps_position</c> "lat,lon" splits into
/// <c>gps_latitude</c> and <c>gps_longitude</c>, whose booleans become 0/1, and whose nulls (and texts) are dropped.
/// </summary>
public static class IngestTransform
{
    public static IReadOnlyList<TelemetrySample> Transform(JsonObject record, DeploymentEnvironment environment, bool envPrefix)
    {
        if (record["vin"] is not JsonValue vinValue || !vinValue.TryGetValue<string>(out var vinText) || string.IsNullOrWhiteSpace(vinText))
            throw new ValidationFailedException("vin", "A telemetry record needs a vin.");
        if (record["data"] is not JsonArray data)
            throw new ValidationFailedException("data", "A telemetry record needs a data list.");
        if (envPrefix && environment == DeploymentEnvironment.Prod)
            throw new ValidationFailedException("env_prefix", "env_prefix is not allowed in production.");
        // Stored VINs carry the environment prefix; a record without it (env_prefix) gets it here.
        var vin = Vin.Parse(vinText, environment).Value;

        var samples = new List<TelemetrySample>();
        foreach (var item in data.OfType<JsonObject>())
        {
            if (item["timestamp"] is not JsonValue stamp || !stamp.TryGetValue<string>(out var text)
                || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                throw new ValidationFailedException("timestamp", $"Every data item needs a timestamp, {BackfillFile.TimestampHelp}.");
            var fields = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (key, value) in item)
            {
                if (key is "timestamp" or "vin" || value is null)
                    continue;
                if (key == "gps_position")
                {
                    var parts = value.GetValue<string>().Split(',');
                    if (parts.Length == 2 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
                        && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
                    {
                        fields["gps_latitude"] = lat;
                        fields["gps_longitude"] = lon;
                    }
                    continue;
                }
                var point = TelemetryPoint.Parse(key).Name;
                if (value is JsonValue scalar)
                {
                    if (scalar.TryGetValue<bool>(out var flag))
                        fields[point] = flag ? 1 : 0;
                    else if (scalar.TryGetValue<double>(out var number) && double.IsFinite(number))
                        fields[point] = number;
                }
            }
            if (fields.Count > 0)
                samples.Add(new TelemetrySample(vin, time.ToUniversalTime(), fields));
        }
        return samples;
    }
}
