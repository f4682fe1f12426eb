using Arc.Domain.Common;

namespace Arc.Domain.Credentials;

/// <summary>
/// Gives a credential proved by certificate a new client certificate (users.credential.write, docs/decisions/0051), by the
/// steps of <see cref="RotateServiceCredentialSecret"/>: the current certificate stays valid for the chosen overlap, then
/// is refused. The new certificate and its key are answered once.
/// </summary>
public sealed class RotateCredentialCertificate(RotateServiceCredentialSecret rotation, IClientCertificateAuthority authority) : IUseCase
{
    public async Task<IssuedCredentialCertificate> HandleAsync(int credentialId, TimeSpan overlap, CancellationToken ct = default)
    {
        IssuedClientCertificate? certificate = null;
        var credential = await rotation.RotateAsync(credentialId, overlap, CredentialProof.Certificate, async (rotated, token) =>
        {
            certificate = await authority.IssueAsync(rotated.ClientId, rotated.ExpiresAt, token);
            return new ServiceCredentialSecret { CertificateThumbprint = certificate.Thumbprint };
        }, ct);
        return new IssuedCredentialCertificate(credentialId, credential.ClientId, certificate!, credential.ExpiresAt);
    }
}
