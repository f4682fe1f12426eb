using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Credentials;

/// <summary>
/// Revokes a credential for good (users.credential.write): no new token, and the tokens it holds are refused from the
/// next call on. A revoked credential stays listed, with who revoked it and when.
/// </summary>
public sealed class RevokeServiceCredential(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time,
    ICredentialStateCache states) : IUseCase
{
    public async Task HandleAsync(int credentialId, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.CredentialWrite, ct);
        var id = credentialId.ToString(CultureInfo.InvariantCulture);
        await using var data = dataFactory.Open();
        var credential = await data.FirstOrDefaultAsync(data.ServiceCredentials.Where(c => c.Id == credentialId), ct)
            ?? throw new NotFoundException("Service credential", id);
        if (credential.RevokedAt is not null)
            throw new ConflictException("The credential is revoked already.");
        credential.RevokedAt = time.GetUtcNow();
        credential.RevokedBy = actor;
        audit.Record(data, actor, AuditActions.CredentialRevoked, AuditEntityTypes.ServiceCredential, id, new { credential.ClientId, credential.Name });
        await data.SaveChangesAsync(ct);
        states.Forget(credentialId);
    }
}
