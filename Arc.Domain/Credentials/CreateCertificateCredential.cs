using Arc.Domain.Common;

namespace Arc.Domain.Credentials;

/// <summary>
/// Creates a service credential proved by a client certificate (users.credential.write, docs/decisions/0051): the same
/// rules as <see cref="CreateServiceCredential"/>, with a certificate issued by the portal's API client authority for
/// the new client id instead of a secret. The certificate and its private key are answered once; only the certificate's
/// fingerprint is kept, and the audit event names it.
/// </summary>
public sealed class CreateCertificateCredential(CreateServiceCredential creation, IClientCertificateAuthority authority) : IUseCase
{
    public async Task<IssuedCredentialCertificate> HandleAsync(NewServiceCredential request, CancellationToken ct = default)
    {
        IssuedClientCertificate? certificate = null;
        var credential = await creation.CreateAsync(request, CredentialProof.Certificate, async (created, token) =>
        {
            certificate = await authority.IssueAsync(created.ClientId, created.ExpiresAt, token);
            return new ServiceCredentialSecret { CertificateThumbprint = certificate.Thumbprint };
        }, ct);
        return new IssuedCredentialCertificate(credential.Id, credential.ClientId, certificate!, credential.ExpiresAt);
    }
}
