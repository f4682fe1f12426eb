using Arc.Domain.Telemetry;

namespace Arc.Domain.Trips;

/// <summary>
/// Reads one vehicle's raw reports over a range in a single query and feeds them to <see cref="TripDetector"/> as they
/// arrive. A vehicle that does not record GPS is read without positions: its trips get their distance from the odometer.
/// </summary>
internal static class TripReading
{
    private static readonly TelemetryPoint[] Points =
        [TelemetryPoint.Parse("speed"), TelemetryPoint.Parse("bms_pack_soc"), TelemetryPoint.Parse("odometer"),
         TelemetryPoint.Parse("gps_latitude"), TelemetryPoint.Parse("gps_longitude")];

    /// <param name="withTrack">Also keep the positions, thinned to <see cref="GetVehicleTrips.TrackSpacing"/>, for a GPX file.</param>
    public static async Task<TripReport> ReadAsync(ITelemetryStore store, string vin, bool recordsGps, TelemetryRange range, bool withTrack,
        CancellationToken ct)
    {
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
                if (withTrack && (track.Count == 0 || at - track[^1].Time >= GetVehicleTrips.TrackSpacing))
                    track.Add(new TripPosition(at, lat, lon));
            }
            if (values[0] is { } speed)
                detector.Add(new TripSample(at, speed, latitude, longitude, soc, odometer));
        }
        return detector.Complete(track);
    }
}
