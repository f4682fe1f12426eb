using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Telemetry;

/// <param name="Vehicles">How many vehicles the fleet has, including any beyond the first <see cref="GetFleetLatestState.MaxVehicles"/>.</param>
public sealed record FleetLatestState(IReadOnlyList<VehicleLatestState> States, int Vehicles);

/// <summary>
/// The fleet map's question: the latest state of every vehicle, or of one fleet's, up to
/// <see cref="GetFleetLatestState.MaxVehicles"/> (in VIN order), with how many vehicles there are in all.
/// </summary>
public sealed class GetFleetMapState(IArcDataFactory dataFactory, ICurrentUser user, ITelemetryStore store) : IUseCase
{
    public async Task<FleetLatestState> HandleAsync(int? fleetId, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.VehicleRead, ct);
        List<string> vins;
        int total;
        await using (var data = dataFactory.Open())
        {
            var vehicles = fleetId is { } id ? data.Vehicles.Where(v => data.FleetVehicles.Any(f => f.FleetId == id && f.Vin == v.Vin)) : data.Vehicles;
            total = await data.CountAsync(vehicles, ct);
            vins = await data.ListAsync(vehicles.OrderBy(v => v.Vin).Select(v => v.Vin).Take(FleetLatestStates.MaxVehicles), ct);
        }
        return new FleetLatestState(await FleetLatestStates.ReadAsync(dataFactory, store, vins, ct), total);
    }
}
