using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Credentials;

/// <summary>
/// Gives a credential a new secret (users.credential.write; <see cref="RotateCredentialCertificate"/> gives one proved by
/// certificate a new certificate, by the same steps).
/// The current one stays valid for the overlap the administrator chose, so the client can change over without a gap:
/// during the overlap both are valid, then only the new one. One still in an earlier overlap ends now, so there are never
/// more than two.
/// </summary>
public sealed class RotateServiceCredentialSecret(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time,
    ICredentialStateCache states) : IUseCase
{
    public async Task<IssuedCredentialSecret> HandleAsync(int credentialId, TimeSpan overlap, CancellationToken ct = default)
    {
        var secret = CredentialSecrets.NewSecret();
        var credential = await RotateAsync(credentialId, overlap, CredentialProof.Secret,
            (_, _) => Task.FromResult(new ServiceCredentialSecret { Hash = CredentialSecrets.Hash(secret) }), ct);
        return new IssuedCredentialSecret(credentialId, credential.ClientId, secret, credential.ExpiresAt);
    }

    /// <summary>The rotation itself, whatever the proof: <paramref name="prove"/> makes the new secret row.</summary>
    internal async Task<ServiceCredential> RotateAsync(int credentialId, TimeSpan overlap, CredentialProof proof,
        Func<ServiceCredential, CancellationToken, Task<ServiceCredentialSecret>> prove, CancellationToken ct)
    {
        var actor = await user.RequireAsync(Perm.CredentialWrite, ct);
        overlap = CredentialRules.Overlap(overlap);
        var id = credentialId.ToString(CultureInfo.InvariantCulture);

        await using var data = dataFactory.Open();
        var credential = await data.FirstOrDefaultAsync(data.ServiceCredentials.Where(c => c.Id == credentialId), ct)
            ?? throw new NotFoundException("Service credential", id);
        if (credential.Proof != proof)
            throw new ConflictException(credential.Proof == CredentialProof.Certificate
                ? "This credential signs in with a client certificate; give it a new certificate instead of a secret."
                : "This credential signs in with a client secret; give it a new secret instead of a certificate.");
        // One rotation at a time: two at once could leave three valid secrets.
        await data.LockAsync(credential, ct);
        var now = time.GetUtcNow();
        var status = credential.StatusAt(now);
        if (status != CredentialStatus.Active)
            throw new ConflictException($"The credential is {status.ToString().ToLowerInvariant()}; only an active credential gets a new {Noun(proof)}.");
        var groupIds = await data.ListAsync(data.ServiceCredentialGroups.Where(g => g.CredentialId == credentialId).Select(g => g.GroupId), ct);
        await CredentialRules.RequireHoldsGroupsAsync(data, user, actor, groupIds, id, ct);

        var secrets = await data.ListAsync(data.ServiceCredentialSecrets.Where(s => s.CredentialId == credentialId), ct);
        var overlapEnds = Min(now + overlap, credential.ExpiresAt);
        foreach (var old in secrets.Where(s => s.IsValidAt(now)))
            old.ExpiresAt = old.ExpiresAt is null ? overlapEnds : now;
        var secret = await prove(credential, ct);
        (secret.CredentialId, secret.CreatedAt) = (credentialId, now);
        data.Add(secret);
        audit.Record(data, actor, AuditActions.CredentialRotated, AuditEntityTypes.ServiceCredential, id,
            new { credential.ClientId, credential.Name, oldSecretValidUntil = overlapEnds, certificate = secret.CertificateThumbprint });
        await data.SaveChangesAsync(ct);
        states.Forget(credentialId);
        return credential;
    }

    private static string Noun(CredentialProof proof) => proof == CredentialProof.Certificate ? "certificate" : "secret";

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
