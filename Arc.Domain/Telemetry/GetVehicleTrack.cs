using Arc.Domain.Common;

namespace Arc.Domain.Telemetry;

public sealed record TrackPoint(DateTimeOffset Time, double Latitude, double Longitude);

/// <summary>
/// A vehicle's GPS track over a range, at most 1,000 positions (latitude and longitude bucketed alike), for whoever may
/// open the vehicle; empty when the vehicle does not record GPS.
/// </summary>
public sealed class GetVehicleTrack(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, ITelemetryStore store, TimeProvider time)
    : IUseCase
{
    public async Task<IReadOnlyList<TrackPoint>> HandleAsync(string vinText, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        var (_, vin) = await ReadableVehicle.RequireAsync(dataFactory, user, environment, vinText, mustExist: true, ct);
        var range = TelemetryRange.Create(from, to, time.GetUtcNow());
        if (!await ReadableVehicle.RecordsGpsAsync(dataFactory, vin, ct))
            return [];
        var latitudes = await store.SeriesAsync(vin, TelemetryPoint.Parse("gps_latitude"), range, ct);
        var longitudes = (await store.SeriesAsync(vin, TelemetryPoint.Parse("gps_longitude"), range, ct)).Points.ToDictionary(p => p.Time);
        return latitudes.Points.Where(p => longitudes.ContainsKey(p.Time))
            .Select(p => new TrackPoint(p.Time, p.Value, longitudes[p.Time].Value)).ToList();
    }
}
