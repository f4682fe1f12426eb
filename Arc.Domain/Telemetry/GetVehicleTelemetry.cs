using Arc.Domain.Common;

namespace Arc.Domain.Telemetry;

/// <summary>The status cards of the telemetry tab. The position is left out when the vehicle does not record GPS.</summary>
public sealed record TelemetryStatus(string Vin, double? Soc, double? OdometerKm, DateTimeOffset? LastReport, bool RecordsGps, double? Latitude, double? Longitude)
{
    public const double MilesPerKm = 0.621371;
    public double? OdometerMiles => OdometerKm * MilesPerKm;
}

/// <summary>
/// A vehicle's last-known status, for whoever may open the vehicle (vehicles.vehicle.read, or membership of a fleet
/// that holds it: spec/backend.md §3.3).
/// </summary>
public sealed class GetVehicleTelemetry(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, ITelemetryStore store) : IUseCase
{
    public async Task<TelemetryStatus> HandleAsync(string vinText, CancellationToken ct = default)
    {
        var (_, vin) = await ReadableVehicle.RequireAsync(dataFactory, user, environment, vinText, mustExist: true, ct);
        var state = (await store.LatestStatesAsync([vin], ct)).Single();
        var recordsGps = await ReadableVehicle.RecordsGpsAsync(dataFactory, vin, ct);
        return new TelemetryStatus(vin, state.Soc, state.OdometerKm, state.LastReport, recordsGps,
            recordsGps ? state.Latitude : null, recordsGps ? state.Longitude : null);
    }
}
