using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Fleets;

/// <summary>
/// The dry run of a bulk change (fleets.group.write): what adding or removing the listed vehicles would do, with every
/// problem of the list. Changes nothing; <see cref="AddVehiclesToFleet"/> and <see cref="RemoveVehiclesFromFleet"/> check
/// the same list again when the person confirms.
/// </summary>
public sealed class PreviewFleetVehicleChange(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment) : IUseCase
{
    public async Task<FleetVinPlan> HandleAsync(int fleetId, string? vins, FleetVinChange change, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.FleetWrite, ct);
        await using var data = dataFactory.Open();
        var fleet = await FleetRules.FindAsync(data, fleetId, ct);
        return await FleetVinList.PlanAsync(data, fleet, vins, change, environment.Environment, ct);
    }
}
