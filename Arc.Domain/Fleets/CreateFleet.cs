using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Fleets;

/// <summary>Creates an empty fleet (fleets.group.create) and returns its id; a name another fleet has, in any case, is refused.</summary>
public sealed class CreateFleet(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit) : IUseCase
{
    public async Task<int> HandleAsync(string? name, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.FleetCreate, ct);
        var clean = FleetRules.Name(name);
        await using var data = dataFactory.Open();
        await FleetRules.EnsureUniqueAsync(data, clean, null, ct);
        var fleet = new Fleet { Name = clean };
        await data.AssignIdAsync(fleet, ct);
        data.Add(fleet);
        audit.Record(data, actor, FleetAuditActions.Created, FleetAuditActions.EntityType, FleetRules.Id(fleet.Id), new { name = clean });
        await data.SaveChangesAsync(ct);
        return fleet.Id;
    }
}
