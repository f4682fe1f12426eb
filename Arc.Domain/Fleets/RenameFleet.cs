using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Fleets;

/// <summary>Renames a fleet (fleets.group.write), under the same rules as a new name.</summary>
public sealed class RenameFleet(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit) : IUseCase
{
    public async Task HandleAsync(int fleetId, string? name, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.FleetWrite, ct);
        var clean = FleetRules.Name(name);
        await using var data = dataFactory.Open();
        var fleet = await FleetRules.FindAsync(data, fleetId, ct);
        if (fleet.Name == clean)
            return;
        await FleetRules.EnsureUniqueAsync(data, clean, fleetId, ct);
        audit.Record(data, actor, FleetAuditActions.Renamed, FleetAuditActions.EntityType, FleetRules.Id(fleetId), new { from = fleet.Name, to = clean });
        fleet.Name = clean;
        await data.SaveChangesAsync(ct);
    }
}
