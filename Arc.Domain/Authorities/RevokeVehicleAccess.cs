using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.SideEffects;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Authorities;

/// <summary>
/// Revokes a vehicle from an authority and, to keep the delegation rule true, from every authority below it (the
/// old code removed one mapping only, §11 #4). The root's mapping is removed only by unprovisioning. Needs
/// authorities.authority.unprovision and acting for the authority. The vehicle's trusted keys are republished.
/// </summary>
public sealed class RevokeVehicleAccess(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment,
    AuditTrail audit, Outbox outbox) : IUseCase
{
    public async Task<IReadOnlyList<int>> HandleAsync(int authorityId, string vinText, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.AuthorityUnprovision, ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        if (authorityId == Authority.RootId)
            throw new ConflictException("The root authority's control of a vehicle ends only when the vehicle is unprovisioned.");
        await using var data = dataFactory.Open();
        await AuthorityRules.RequireAsync(data, authorityId, ct);
        await AuthorityRules.RequireActsForAsync(data, user, username, authorityId, ct);
        if (!await AuthorityRules.ControlsAsync(data, authorityId, vin, ct))
            throw new ValidationFailedException("vin", $"Authority id {authorityId} does not control vin {vin}.");
        var affected = AuthorityRules.SelfAndDescendants(await AuthorityRules.ParentsAsync(data, ct), authorityId);
        var mappings = await data.ListAsync(data.VehicleAuthorities.Where(va => va.Vin == vin && affected.Contains(va.AuthorityId)), ct);
        foreach (var mapping in mappings)
            data.Remove(mapping);
        var removed = mappings.Select(m => m.AuthorityId).Order().ToList();
        audit.Record(data, username, AuditActions.AuthorityVehicleRevoked, AuditEntityTypes.Vehicle, vin, new { authorities = removed });
        outbox.PublishShadow(data, vin, username);
        await data.SaveChangesAsync(ct);
        return removed;
    }
}
