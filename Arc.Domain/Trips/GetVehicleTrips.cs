using Arc.Domain.Common;
using Arc.Domain.Telemetry;

namespace Arc.Domain.Trips;

/// <summary>
/// A vehicle's trips and stops over a range of at most <see cref="Longest"/>, for whoever may read its telemetry
/// (vehicles.vehicle.read, or membership of a fleet that holds it). The range's raw reports are read in one query and
/// fed to <see cref="TripDetector"/> as they arrive. A vehicle that does not record GPS gets trips without positions,
/// their distance from the odometer.
/// </summary>
public sealed class GetVehicleTrips(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, ITelemetryStore store, TimeProvider time)
    : IUseCase
{
    public static readonly TimeSpan Longest = TimeSpan.FromDays(31);

    /// <summary>Positions kept for an export are at least this far apart in time: a 1 Hz month would be millions.</summary>
    public static readonly TimeSpan TrackSpacing = TimeSpan.FromSeconds(5);

    private static readonly TelemetryPoint[] Points =
        [TelemetryPoint.Parse("speed"), TelemetryPoint.Parse("bms_pack_soc"), TelemetryPoint.Parse("odometer"),
         TelemetryPoint.Parse("gps_latitude"), TelemetryPoint.Parse("gps_longitude")];

    /// <param name="withTrack">Also keep the positions (thinned to <see cref="TrackSpacing"/>), for a GPX file.</param>
    public async Task<TripReport> HandleAsync(string vinText, DateTimeOffset from, DateTimeOffset to, bool withTrack = false, CancellationToken ct = default)
    {
        var (_, vin) = await ReadableVehicle.RequireAsync(dataFactory, user, environment, vinText, mustExist: true, ct);
        var range = TelemetryRange.Create(from, to, time.GetUtcNow());
        if (range.Length > Longest)
            throw new ValidationFailedException("range", $"Trips are found over at most {Longest.TotalDays:0} days at a time; choose a shorter range.");
        var recordsGps = await ReadableVehicle.RecordsGpsAsync(dataFactory, vin, ct);
        var points = recordsGps ? Points : Points[..3];

        var detector = new TripDetector(TripRules.Default, range.From, range.To);
        var track = new List<TripPosition>();
        double? soc = null, odometer = null, latitude = null, longitude = null;
        await foreach (var (at, values) in store.StreamRowsAsync(vin, points, range.From, range.To, ct))
        {
            // Reports without a speed still move the other values on; only those with one say whether the vehicle moves.
            soc = values[1] ?? soc;
            odometer = values[2] ?? odometer;
            if (recordsGps && values[3] is { } lat && values[4] is { } lon)
            {
                (latitude, longitude) = (lat, lon);
                if (withTrack && (track.Count == 0 || at - track[^1].Time >= TrackSpacing))
                    track.Add(new TripPosition(at, lat, lon));
            }
            if (values[0] is { } speed)
                detector.Add(new TripSample(at, speed, latitude, longitude, soc, odometer));
        }
        return detector.Complete(track);
    }
}
