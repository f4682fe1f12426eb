using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Credentials;

/// <summary>
/// Gives a credential a new secret (users.credential.write). The current secret stays valid for the overlap the
/// administrator chose, so the client can change over without a gap: during the overlap both are valid, then only the
/// new one. A secret still in an earlier overlap ends now, so there are never more than two.
/// </summary>
public sealed class RotateServiceCredentialSecret(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time,
    ICredentialStateCache states) : IUseCase
{
    public async Task<IssuedCredentialSecret> HandleAsync(int credentialId, TimeSpan overlap, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.CredentialWrite, ct);
        overlap = CredentialRules.Overlap(overlap);
        var id = credentialId.ToString(CultureInfo.InvariantCulture);

        await using var data = dataFactory.Open();
        var credential = await data.FirstOrDefaultAsync(data.ServiceCredentials.Where(c => c.Id == credentialId), ct)
            ?? throw new NotFoundException("Service credential", id);
        // One rotation at a time: two at once could leave three valid secrets.
        await data.LockAsync(credential, ct);
        var now = time.GetUtcNow();
        var status = credential.StatusAt(now);
        if (status != CredentialStatus.Active)
            throw new ConflictException($"The credential is {status.ToString().ToLowerInvariant()}; only an active credential gets a new secret.");
        var groupIds = await data.ListAsync(data.ServiceCredentialGroups.Where(g => g.CredentialId == credentialId).Select(g => g.GroupId), ct);
        await CredentialRules.RequireHoldsGroupsAsync(data, user, actor, groupIds, id, ct);

        var secrets = await data.ListAsync(data.ServiceCredentialSecrets.Where(s => s.CredentialId == credentialId), ct);
        var overlapEnds = Min(now + overlap, credential.ExpiresAt);
        foreach (var old in secrets.Where(s => s.IsValidAt(now)))
            old.ExpiresAt = old.ExpiresAt is null ? overlapEnds : now;
        var secret = CredentialSecrets.NewSecret();
        data.Add(new ServiceCredentialSecret { CredentialId = credentialId, Hash = CredentialSecrets.Hash(secret), CreatedAt = now });
        audit.Record(data, actor, AuditActions.CredentialRotated, AuditEntityTypes.ServiceCredential, id,
            new { credential.ClientId, credential.Name, oldSecretValidUntil = overlapEnds });
        await data.SaveChangesAsync(ct);
        states.Forget(credentialId);
        return new IssuedCredentialSecret(credentialId, credential.ClientId, secret, credential.ExpiresAt);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
