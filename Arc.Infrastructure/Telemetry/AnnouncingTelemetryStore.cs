using Arc.Domain.Changes;
using Arc.Domain.Telemetry;

namespace Arc.Infrastructure.Telemetry;

/// <summary>
/// The telemetry store as the portal uses it: whoever writes telemetry (the simulator, a backfill, the intake, a test),
/// each vehicle written to is announced on the change feed afterwards, so its open pages show what arrived, and its
/// newest values are folded into the latest-telemetry read model.
/// </summary>
public sealed class AnnouncingTelemetryStore(InfluxTelemetryStore store, IChangeFeed changes, LatestTelemetryTable latest) : ITelemetryStore
{
    public Task WriteAsync(IReadOnlyList<TelemetrySample> samples, CancellationToken ct = default) => WriteAsync(Prepare(samples), ct);

    public TelemetryWrite Prepare(IReadOnlyList<TelemetrySample> samples) => store.Prepare(samples);

    public async Task WriteAsync(TelemetryWrite write, CancellationToken ct = default)
    {
        await store.WriteAsync(write, ct);
        latest.Observe(write.Samples);
        foreach (var vin in write.Samples.Select(s => s.Vin).Distinct(StringComparer.Ordinal))
            changes.Publish(new Change(ChangeTopics.Telemetry, vin));
    }

    public Task<IReadOnlyDictionary<string, LatestValue>> LatestAsync(string vin, IReadOnlyList<TelemetryPoint> points, CancellationToken ct = default) =>
        store.LatestAsync(vin, points, ct);

    public Task<TelemetrySeries> SeriesAsync(string vin, TelemetryPoint point, TelemetryRange range, CancellationToken ct = default) =>
        store.SeriesAsync(vin, point, range, ct);

    public Task<IReadOnlyList<VehicleLatestState>> LatestStatesAsync(IReadOnlyList<string> vins, CancellationToken ct = default) =>
        store.LatestStatesAsync(vins, ct);

    public Task<IReadOnlyList<VehicleLatestState>> LatestActivityAsync(IReadOnlyList<string> vins, CancellationToken ct = default) =>
        store.LatestActivityAsync(vins, ct);

    public Task<IReadOnlyDictionary<string, double>> LatestOdometersAsync(IReadOnlyList<string> vins, CancellationToken ct = default) =>
        store.LatestOdometersAsync(vins, ct);

    public Task<IReadOnlyDictionary<string, MonthOdometers>> RangeOdometersAsync(IReadOnlyList<string> vins, DateTimeOffset from, DateTimeOffset to,
        CancellationToken ct = default) => store.RangeOdometersAsync(vins, from, to, ct);

    public Task<long> VinCountAsync(CancellationToken ct = default) => store.VinCountAsync(ct);

    public Task DownsampleAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default) => store.DownsampleAsync(from, to, ct);

    public IAsyncEnumerable<(DateTimeOffset Time, double?[] Values)> RawRowsAsync(string vin, IReadOnlyList<TelemetryPoint> points, DateTimeOffset from,
        DateTimeOffset to, CancellationToken ct = default) => store.RawRowsAsync(vin, points, from, to, ct);

    public IAsyncEnumerable<(DateTimeOffset Time, double?[] Values)> StreamRowsAsync(string vin, IReadOnlyList<TelemetryPoint> points, DateTimeOffset from,
        DateTimeOffset to, CancellationToken ct = default) => store.StreamRowsAsync(vin, points, from, to, ct);
}
