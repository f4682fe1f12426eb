using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Notes;
using Arc.Domain.Permissions;

namespace Arc.Domain.Fleets;

/// <summary>
/// Puts the listed vehicles in a fleet (fleets.group.write), all or none: the list is checked again as in its dry run,
/// and any problem refuses the whole change with every problem listed. Each vehicle changed gets the old system's note; one audit event names them all.
/// </summary>
public sealed class AddVehiclesToFleet(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, AuditTrail audit,
    TimeProvider time) : IUseCase
{
    public async Task<int> HandleAsync(int fleetId, string? vins, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.FleetWrite, ct);
        await using var data = dataFactory.Open();
        var fleet = await FleetRules.FindAsync(data, fleetId, ct);
        var plan = await FleetVinList.PlanAsync(data, fleet, vins, FleetVinChange.Add, environment.Environment, ct);
        FleetVinList.RequireApplicable(plan);
        foreach (var vin in plan.Vins)
            data.Add(new FleetVehicle { FleetId = fleetId, Vin = vin });
        await FleetRules.AddNotesAsync(data, NoteObjectTypes.Vehicle, plan.Vins, actor, FleetRules.VehicleAdded(fleetId), time.GetUtcNow(), ct);
        audit.Record(data, actor, FleetAuditActions.VehiclesAdded, FleetAuditActions.EntityType, FleetRules.Id(fleetId),
            new { fleet = fleet.Name, count = plan.Vins.Count, unchanged = plan.Unchanged.Count, vins = plan.Vins });
        await data.SaveChangesAsync(ct);
        return plan.Vins.Count;
    }
}
