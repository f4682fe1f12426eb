using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Notes;
using Arc.Domain.Permissions;

namespace Arc.Domain.Fleets;

/// <summary>
/// Takes the listed vehicles out of a fleet (fleets.group.write), all or none: the list is checked again as in its dry run,
/// and any problem refuses the whole change with every problem listed. Each vehicle changed gets the old system's note; one audit event names them all.
/// </summary>
public sealed class RemoveVehiclesFromFleet(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, AuditTrail audit,
    TimeProvider time) : IUseCase
{
    public async Task<int> HandleAsync(int fleetId, string? vins, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.FleetWrite, ct);
        await using var data = dataFactory.Open();
        var fleet = await FleetRules.FindAsync(data, fleetId, ct);
        var plan = await FleetVinList.PlanAsync(data, fleet, vins, FleetVinChange.Remove, environment.Environment, ct);
        FleetVinList.RequireApplicable(plan);
        var chosen = plan.Vins.ToList();
        foreach (var membership in await data.ListAsync(data.FleetVehicles.Where(v => v.FleetId == fleetId && chosen.Contains(v.Vin)), ct))
            data.Remove(membership);
        await FleetRules.AddNotesAsync(data, NoteObjectTypes.Vehicle, plan.Vins, actor, FleetRules.VehicleRemoved(fleetId), time.GetUtcNow(), ct);
        audit.Record(data, actor, FleetAuditActions.VehiclesRemoved, FleetAuditActions.EntityType, FleetRules.Id(fleetId),
            new { fleet = fleet.Name, count = plan.Vins.Count, unchanged = plan.Unchanged.Count, vins = plan.Vins });
        await data.SaveChangesAsync(ct);
        return plan.Vins.Count;
    }
}
