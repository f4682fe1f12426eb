using Arc.Domain.Common;
using Arc.Domain.Telemetry;

namespace Arc.Domain.Trips;

/// <summary>
/// A vehicle's trips and stops over a range of at most <see cref="Longest"/>, for whoever may read its telemetry
/// (vehicles.vehicle.read, or membership of a fleet that holds it), read by <see cref="TripReading"/>.
/// </summary>
public sealed class GetVehicleTrips(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, ITelemetryStore store, TimeProvider time)
    : IUseCase
{
    public static readonly TimeSpan Longest = TimeSpan.FromDays(31);

    /// <summary>Positions kept for an export are at least this far apart in time: a 1 Hz month would be millions.</summary>
    public static readonly TimeSpan TrackSpacing = TimeSpan.FromSeconds(5);

    /// <param name="withTrack">Also keep the positions (thinned to <see cref="TrackSpacing"/>), for a GPX file.</param>
    public async Task<TripReport> HandleAsync(string vinText, DateTimeOffset from, DateTimeOffset to, bool withTrack = false, CancellationToken ct = default)
    {
        var (_, vin) = await ReadableVehicle.RequireAsync(dataFactory, user, environment, vinText, mustExist: true, ct);
        var range = TelemetryRange.Create(from, to, time.GetUtcNow());
        if (range.Length > Longest)
            throw new ValidationFailedException("range", $"Trips are found over at most {Longest.TotalDays:0} days at a time; choose a shorter range.");
        var recordsGps = await ReadableVehicle.RecordsGpsAsync(dataFactory, vin, ct);
        return await TripReading.ReadAsync(store, vin, recordsGps, range, withTrack, ct);
    }
}
