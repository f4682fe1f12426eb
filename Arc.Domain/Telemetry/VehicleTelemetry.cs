using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Telemetry;

/// <summary>The status cards of the telemetry tab. The position is left out when the vehicle does not record GPS.</summary>
public sealed record TelemetryStatus(string Vin, double? Soc, double? OdometerKm, DateTimeOffset? LastReport, bool RecordsGps, double? Latitude, double? Longitude)
{
    public const double MilesPerKm = 0.621371;
    public double? OdometerMiles => OdometerKm * MilesPerKm;
}

public sealed record TrackPoint(DateTimeOffset Time, double Latitude, double Longitude);

/// <summary>
/// A vehicle's telemetry: last-known status and the history of its configured points, for whoever may open the vehicle
/// (vehicles.vehicle.read, or membership of a fleet that holds it: spec/backend.md §3.3).
/// </summary>
public sealed class GetVehicleTelemetry(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, ITelemetryStore store, TimeProvider time)
    : IUseCase
{
    public async Task<TelemetryStatus> HandleAsync(string vinText, CancellationToken ct = default)
    {
        var vin = await ReadableAsync(vinText, ct);
        var state = (await store.LatestStatesAsync([vin], ct)).Single();
        var recordsGps = await RecordsGpsAsync(vin, ct);
        return new TelemetryStatus(vin, state.Soc, state.OdometerKm, state.LastReport, recordsGps,
            recordsGps ? state.Latitude : null, recordsGps ? state.Longitude : null);
    }

    /// <summary>The points a chart may show for this vehicle: its configured points that carry numbers (GPS as latitude and longitude).</summary>
    public async Task<IReadOnlyList<string>> ChartablePointsAsync(string vinText, CancellationToken ct = default)
    {
        var vin = await ReadableAsync(vinText, ct);
        await using var data = dataFactory.Open();
        var points = await data.ListAsync(data.TelemetryPoints.Where(p => p.Vin == vin).Select(p => p.Point), ct);
        var gps = await RecordsGpsAsync(vin, ct);
        return points.Where(p => gps || !GpsPrivacy.Covers(p))
            .SelectMany(p => p == "gps_position" ? ["gps_latitude", "gps_longitude"] : new[] { p })
            .Order(StringComparer.Ordinal).ToList();
    }

    public async Task<TelemetrySeries> SeriesAsync(string vinText, string point, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        var vin = await ReadableAsync(vinText, ct);
        var parsed = TelemetryPoint.Parse(point);
        var range = TelemetryRange.Create(from, to, time.GetUtcNow());
        if (GpsPrivacy.Covers(parsed.Name) && !await RecordsGpsAsync(vin, ct))
            throw new ValidationFailedException("point", "This vehicle does not record its position.");
        return await store.SeriesAsync(vin, parsed, range, ct);
    }

    /// <summary>The GPS track over a range, at most 1,000 positions (latitude and longitude bucketed alike); empty when the vehicle does not record GPS.</summary>
    public async Task<IReadOnlyList<TrackPoint>> TrackAsync(string vinText, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        var vin = await ReadableAsync(vinText, ct);
        var range = TelemetryRange.Create(from, to, time.GetUtcNow());
        if (!await RecordsGpsAsync(vin, ct))
            return [];
        var latitudes = await store.SeriesAsync(vin, TelemetryPoint.Parse("gps_latitude"), range, ct);
        var longitudes = (await store.SeriesAsync(vin, TelemetryPoint.Parse("gps_longitude"), range, ct)).Points.ToDictionary(p => p.Time);
        return latitudes.Points.Where(p => longitudes.ContainsKey(p.Time))
            .Select(p => new TrackPoint(p.Time, p.Value, longitudes[p.Time].Value)).ToList();
    }

    private async Task<string> ReadableAsync(string vinText, CancellationToken ct)
    {
        var username = await user.RequireSignedInAsync(ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        await using var data = dataFactory.Open();
        await VehicleAccess.RequireReadAsync(data, user, username, vin, ct);
        if (!await data.AnyAsync(data.Vehicles.Where(v => v.Vin == vin), ct))
            throw new NotFoundException("Vehicle", vin);
        return vin;
    }

    private async Task<bool> RecordsGpsAsync(string vin, CancellationToken ct)
    {
        await using var data = dataFactory.Open();
        return await GpsPrivacy.RecordsGpsAsync(data, vin, ct);
    }
}

/// <summary>The last-known state of a page of vehicles in one telemetry query (the old fleet page asked once per vehicle).</summary>
public sealed class GetFleetLatestState(IArcDataFactory dataFactory, ICurrentUser user, ITelemetryStore store) : IUseCase
{
    public const int MaxVehicles = 1000;

    public async Task<IReadOnlyList<VehicleLatestState>> HandleAsync(IReadOnlyList<string> vins, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.VehicleRead, ct);
        if (vins.Count > MaxVehicles)
            throw new ValidationFailedException("vins", $"At most {MaxVehicles} vehicles at once.");
        var distinct = vins.Distinct(StringComparer.Ordinal).ToList();
        var states = await store.LatestStatesAsync(distinct, ct);
        await using var data = dataFactory.Open();
        var recording = (await data.ListAsync(data.VehicleMeta.Where(m => distinct.Contains(m.Vin) && m.Section == "privacy" && m.Key == "record_gps"
            && m.Value.ToLower() == "true").Select(m => m.Vin), ct)).ToHashSet(StringComparer.Ordinal);
        // A vehicle that does not record GPS shows no position, here as on its own page.
        return states.Select(s => recording.Contains(s.Vin) ? s : s with { Latitude = null, Longitude = null }).ToList();
    }

    /// <summary>
    /// The fleet map's question: the latest state of every vehicle, or of one fleet's, up to <see cref="MaxVehicles"/>
    /// (in VIN order), with how many vehicles there are in all.
    /// </summary>
    public async Task<FleetLatestState> ForFleetAsync(int? fleetId, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.VehicleRead, ct);
        List<string> vins;
        int total;
        await using (var data = dataFactory.Open())
        {
            var vehicles = fleetId is { } id ? data.Vehicles.Where(v => data.FleetVehicles.Any(f => f.FleetId == id && f.Vin == v.Vin)) : data.Vehicles;
            total = await data.CountAsync(vehicles, ct);
            vins = await data.ListAsync(vehicles.OrderBy(v => v.Vin).Select(v => v.Vin).Take(MaxVehicles), ct);
        }
        return new FleetLatestState(await HandleAsync(vins, ct), total);
    }
}

/// <param name="Vehicles">How many vehicles the fleet has, including any beyond the first <see cref="GetFleetLatestState.MaxVehicles"/>.</param>
public sealed record FleetLatestState(IReadOnlyList<VehicleLatestState> States, int Vehicles);
