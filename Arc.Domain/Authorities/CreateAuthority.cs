using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

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
