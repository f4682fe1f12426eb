using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.SideEffects;

namespace Arc.Domain.Authorities;

/// <summary>
/// Creates an authority with a fresh key pair under an existing parent (the root by default) that the caller acts for.
/// </summary>
public sealed class CreateAuthority(IArcDataFactory dataFactory, ICurrentUser user, IKeyVault vault, AuditTrail audit) : IUseCase
{
    public async Task<int> HandleAsync(string? description, int? parentId = null, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.AuthorityCreate, ct);
        var name = AuthorityRules.CleanDescription(description);
        var parent = parentId ?? Authority.RootId;
        await using var data = dataFactory.Open();
        if (!await data.AnyAsync(data.Authorities.Where(a => a.Id == parent), ct))
            throw new ValidationFailedException("parentId", $"Invalid parent authority id {parent}: no such authority.");
        await AuthorityRules.RequireActsForAsync(data, user, username, parent, ct);

        var (pem, point) = AuthorityKeyPair.Generate();
        SealedSecret sealedKey;
        try
        {
            sealedKey = await vault.SealAsync(pem, SealContext.AuthorityKey(point), ct: ct);
        }
        finally
        {
            Array.Clear(pem);
        }
        var authority = new Authority
        {
            ParentId = parent, Description = name, PublicKey = point, KeyReference = sealedKey.KeyReference, EncryptedPrivateKey = sealedKey.Ciphertext,
        };
        await data.AssignIdAsync(authority, ct);
        data.Add(authority);
        audit.Record(data, username, AuditActions.AuthorityCreated, AuditEntityTypes.Authority, authority.Id.ToString(CultureInfo.InvariantCulture),
            new { description = name, parent });
        await data.SaveChangesAsync(ct);
        return authority.Id;
    }
}

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

/// <summary>
/// Replaces an authority's key pair (same id and mappings) and republishes every mapped vehicle's trusted keys, which
/// the old system forgot (spec/backend.md §11 #5): tokens signed with the old key stop working at once.
/// </summary>
public sealed class ReKeyAuthority(IArcDataFactory dataFactory, ICurrentUser user, IKeyVault vault, AuditTrail audit, Outbox outbox) : IUseCase
{
    public async Task<IReadOnlyList<string>> HandleAsync(int id, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.AuthorityReKey, ct);
        await using var data = dataFactory.Open();
        var authority = await AuthorityRules.RequireAsync(data, id, ct);
        await AuthorityRules.RequireActsForAsync(data, user, username, id, ct);
        var (pem, point) = AuthorityKeyPair.Generate();
        try
        {
            var sealedKey = await vault.SealAsync(pem, SealContext.AuthorityKey(point), authority.KeyReference, ct);
            authority.PublicKey = point;
            authority.KeyReference = sealedKey.KeyReference;
            authority.EncryptedPrivateKey = sealedKey.Ciphertext;
        }
        finally
        {
            Array.Clear(pem);
        }
        var vins = await data.ListAsync(data.VehicleAuthorities.Where(va => va.AuthorityId == id).OrderBy(va => va.Vin).Select(va => va.Vin), ct);
        audit.Record(data, username, AuditActions.AuthorityReKeyed, AuditEntityTypes.Authority, id.ToString(CultureInfo.InvariantCulture),
            new { vehiclesRefreshed = vins.Count });
        outbox.PublishShadows(data, vins, username);
        await data.SaveChangesAsync(ct);
        return vins;
    }
}
