namespace Arc.Domain.Credentials;

/// <summary>A client certificate and its private key as PEM, the one time the key is shown, with the certificate's fingerprint.</summary>
public sealed record IssuedClientCertificate(string CertificatePem, string PrivateKeyPem, string Thumbprint, DateTimeOffset NotAfter);

/// <summary>
/// The certificate authority of the portal's API clients: it issues the client certificates that service credentials
/// proved by certificate present, and the API accepts only certificates that chain to it (docs/decisions/0051).
/// </summary>
public interface IClientCertificateAuthority
{
    /// <summary>A new key pair and a client-authentication certificate for it, named after the client id, valid until <paramref name="notAfter"/>.</summary>
    Task<IssuedClientCertificate> IssueAsync(string clientId, DateTimeOffset notAfter, CancellationToken ct = default);
}

/// <summary>A certificate credential's client id and certificate, the one time its private key is shown.</summary>
public sealed record IssuedCredentialCertificate(int CredentialId, string ClientId, IssuedClientCertificate Certificate, DateTimeOffset ExpiresAt);
