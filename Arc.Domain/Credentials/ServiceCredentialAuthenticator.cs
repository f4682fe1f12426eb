using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;

namespace Arc.Domain.Credentials;

/// <summary>The credential and the secret a token request proved.</summary>
public sealed record AuthenticatedCredential(int CredentialId, int SecretId, string ClientId, string Name, DateTimeOffset ExpiresAt);

/// <summary>
/// Checks a client id and secret at the token endpoint: the credential must be active and the secret one of its valid
/// ones. Each answer for a known credential is audited (a token issued, or refused and why); an unknown client id is
/// not, so guessing ids fills no table. The caller learns only yes or no.
/// </summary>
public sealed class ServiceCredentialAuthenticator(IArcDataFactory dataFactory, AuditTrail audit, TimeProvider time)
{
    public const int MaxClientIdLength = 64;
    private static readonly string DecoyHash = CredentialSecrets.Hash(CredentialSecrets.NewSecret());

    public async Task<AuthenticatedCredential?> AuthenticateAsync(string? clientId, string? secret, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(clientId) || clientId.Length > MaxClientIdLength || string.IsNullOrEmpty(secret))
            return null;
        await using var data = dataFactory.Open();
        var credential = await data.FirstOrDefaultAsync(data.ServiceCredentials.Where(c => c.ClientId == clientId), ct);
        if (credential is null)
        {
            // As long as a wrong secret takes, so the answer's time does not tell which client ids exist.
            CredentialSecrets.Verify(DecoyHash, secret);
            return null;
        }
        var now = time.GetUtcNow();
        var id = credential.Id.ToString(CultureInfo.InvariantCulture);
        var status = credential.StatusAt(now);
        // A credential proved by certificate has no secret to match: its rows hold fingerprints.
        var secrets = await data.ListAsync(data.ServiceCredentialSecrets.Where(s => s.CredentialId == credential.Id && s.CertificateThumbprint == null), ct);
        var valid = secrets.Where(s => s.IsValidAt(now)).OrderByDescending(s => s.Id).ToList();
        var match = status == CredentialStatus.Active ? valid.FirstOrDefault(s => CredentialSecrets.Verify(s.Hash, secret)) : null;
        if (match is null)
        {
            var reason = status != CredentialStatus.Active ? $"credential {status.ToString().ToLowerInvariant()}"
                : secrets.Where(s => !s.IsValidAt(now)).OrderByDescending(s => s.Id).Take(2).Any(s => CredentialSecrets.Verify(s.Hash, secret))
                    ? "secret expired" : "wrong secret";
            audit.Record(data, AuditTrail.AnonymousActor, AuditActions.CredentialTokenRefused, AuditEntityTypes.ServiceCredential, id,
                new { credential.ClientId, reason });
            await data.SaveChangesAsync(CancellationToken.None);
            return null;
        }
        audit.Record(data, credential.Actor, AuditActions.CredentialTokenIssued, AuditEntityTypes.ServiceCredential, id,
            new { credential.ClientId, secretId = match.Id });
        await data.SaveChangesAsync(ct);
        return new AuthenticatedCredential(credential.Id, match.Id, credential.ClientId, credential.Name, credential.ExpiresAt);
    }

    /// <summary>
    /// Checks a client certificate that chains to the portal's client authority, by its fingerprint: it must be one of an
    /// active credential's valid certificates. A refusal of a known certificate is audited with its reason; success is not
    /// (a certificate is presented with every call, which the use cases audit as the credential).
    /// </summary>
    public async Task<AuthenticatedCredential?> AuthenticateCertificateAsync(string thumbprint, CancellationToken ct = default)
    {
        await using var data = dataFactory.Open();
        var row = await data.FirstOrDefaultAsync(data.ServiceCredentialSecrets.Where(s => s.CertificateThumbprint == thumbprint), ct);
        var credential = row is null ? null : await data.FirstOrDefaultAsync(data.ServiceCredentials.Where(c => c.Id == row.CredentialId), ct);
        if (row is null || credential is null)
            return null;
        var now = time.GetUtcNow();
        var status = credential.StatusAt(now);
        if (status == CredentialStatus.Active && row.IsValidAt(now))
            return new AuthenticatedCredential(credential.Id, row.Id, credential.ClientId, credential.Name, credential.ExpiresAt);
        var reason = status != CredentialStatus.Active ? $"credential {status.ToString().ToLowerInvariant()}" : "certificate replaced";
        audit.Record(data, AuditTrail.AnonymousActor, AuditActions.CredentialCertificateRefused, AuditEntityTypes.ServiceCredential,
            credential.Id.ToString(CultureInfo.InvariantCulture), new { credential.ClientId, certificate = thumbprint, reason });
        await data.SaveChangesAsync(CancellationToken.None);
        return null;
    }
}
