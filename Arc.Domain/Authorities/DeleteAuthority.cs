using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.SideEffects;

namespace Arc.Domain.Authorities;

/// <summary>
/// Deletes an authority, every authority below it and all their vehicle mappings, then republishes the affected
/// vehicles' trusted keys. The root cannot be deleted. Deleting is the parent's decision, as creating is: the caller
/// acts for the parent.
/// </summary>
public sealed class DeleteAuthority(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, Outbox outbox) : IUseCase
{
    public async Task<(IReadOnlyList<int> Authorities, IReadOnlyList<string> Vins)> HandleAsync(int id, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.AuthorityDelete, ct);
        if (id == Authority.RootId)
            throw new ConflictException("The root authority cannot be deleted.");
        await using var data = dataFactory.Open();
        var authority = await AuthorityRules.RequireAsync(data, id, ct);
        await AuthorityRules.RequireActsForAsync(data, user, username, authority.ParentId, ct);
        var doomed = AuthorityRules.SelfAndDescendants(await AuthorityRules.ParentsAsync(data, ct), id);
        var mappings = await data.ListAsync(data.VehicleAuthorities.Where(va => doomed.Contains(va.AuthorityId)), ct);
        foreach (var mapping in mappings)
            data.Remove(mapping);
        foreach (var member in await data.ListAsync(data.AuthorityMembers.Where(m => doomed.Contains(m.AuthorityId)), ct))
            data.Remove(member);
        foreach (var removed in await data.ListAsync(data.Authorities.Where(a => doomed.Contains(a.Id)), ct))
            data.Remove(removed);
        var vins = mappings.Select(m => m.Vin).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        audit.Record(data, username, AuditActions.AuthorityDeleted, AuditEntityTypes.Authority, id.ToString(CultureInfo.InvariantCulture),
            new { authorities = doomed, vins });
        outbox.PublishShadows(data, vins, username);
        await data.SaveChangesAsync(ct);
        return (doomed, vins);
    }
}
