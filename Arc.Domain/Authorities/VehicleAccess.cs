using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.SideEffects;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Authorities;

/// <summary>
/// Grants a vehicle to an authority under the delegation rule: an authority other than the root may receive a VIN
/// only if its parent already holds it. Needs authorities.authority.provision (decision 6: the old code checked
/// authorities.vehicle.sign, which is the signing permission) and, since the parent delegates its own vehicle, acting
/// for the parent (for the root: being a member of the root). The vehicle's trusted keys are republished.
/// </summary>
public sealed class GrantVehicleAccess(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment,
    AuditTrail audit, Outbox outbox) : IUseCase
{
    public async Task HandleAsync(int authorityId, string vinText, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.AuthorityProvision, ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        await using var data = dataFactory.Open();
        var authority = await AuthorityRules.RequireAsync(data, authorityId, ct);
        await AuthorityRules.RequireActsForAsync(data, user, username, authority.IsRoot ? authority.Id : authority.ParentId, ct);
        if (authority.IsRoot)
        {
            if (!await data.AnyAsync(data.Vehicles.Where(v => v.Vin == vin), ct))
                throw new NotFoundException("Vehicle", vin);
        }
        else
        {
            if (!await AuthorityRules.IsKnownAsync(data, vin, ct))
                throw new NotFoundException("Vehicle", vin);
            if (!await AuthorityRules.ControlsAsync(data, authority.ParentId, vin, ct))
                throw new ValidationFailedException("vin", $"Authority parent id {authority.ParentId} does not control vin {vin}; grant it to the parent first.");
        }
        if (await AuthorityRules.ControlsAsync(data, authorityId, vin, ct))
            return;
        data.Add(new VehicleAuthority { AuthorityId = authorityId, Vin = vin });
        audit.Record(data, username, AuditActions.AuthorityVehicleGranted, AuditEntityTypes.Vehicle, vin, new { authority = authorityId });
        outbox.PublishShadow(data, vin, username);
        await data.SaveChangesAsync(ct);
    }
}

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

/// <summary>
/// Adds or removes a user who may act for an authority (sign with it and the authorities below it). The caller must act
/// for the authority and cannot add themselves (decision 12), so membership of the root is given only by a root member.
/// The authority's version changes with its members; <paramref name="version"/> is the one the caller's page read.
/// </summary>
public sealed class SetAuthorityMember(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit) : IUseCase
{
    public const int MaxEmailLength = 254;

    public async Task HandleAsync(int authorityId, string? email, bool member, uint? version = null, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.AuthorityCreate, ct);
        var address = (email ?? "").Trim().ToLowerInvariant();
        if (address.Length is 0 or > MaxEmailLength)
            throw new ValidationFailedException("email", "Enter the email of a portal user.");
        await using var data = dataFactory.Open();
        var authority = await AuthorityRules.RequireAsync(data, authorityId, ct);
        await AuthorityRules.RequireActsForAsync(data, user, username, authorityId, ct);
        var target = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Email == address).Select(u => u.Username), ct)
            ?? throw new ValidationFailedException("email", $"No portal user has the email {address}.");
        if (member && target == username)
            throw await user.RefuseAsync(username, "not oneself", "Nobody can make themselves a member of an authority; ask another member.",
                AuditEntityTypes.Authority, authorityId.ToString(CultureInfo.InvariantCulture), ct);
        var existing = await data.FirstOrDefaultAsync(data.AuthorityMembers.Where(m => m.AuthorityId == authorityId && m.Username == target), ct);
        if (member == (existing is not null))
            return;
        if (member)
            data.Add(new AuthorityMember { AuthorityId = authorityId, Username = target });
        else
            data.Remove(existing!);
        data.ExpectVersion(authority, version, $"Authority {authority.Description}");
        audit.Record(data, username, member ? AuditActions.AuthorityMemberAdded : AuditActions.AuthorityMemberRemoved, AuditEntityTypes.Authority,
            authorityId.ToString(CultureInfo.InvariantCulture), new { member = address });
        await data.SaveChangesAsync(ct);
    }
}
