using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.SideEffects;

namespace Arc.Domain.Authorities;

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
