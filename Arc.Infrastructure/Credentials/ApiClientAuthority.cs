using System.Security.Cryptography.X509Certificates;
using Arc.Domain.Authorities;
using Arc.Domain.Credentials;
using Arc.Infrastructure.Certificates;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Arc.Infrastructure.Credentials;

/// <summary>
/// The certificate authority of API clients proved by certificate (docs/decisions/0051): a root of its own, apart from the
/// devices' (a vehicle's identity is no API credential), kept sealed in the database like theirs. It signs the client
/// certificates of service credentials; the API trusts no other root for them.
/// </summary>
public sealed class ApiClientAuthority(IDbContextFactory<ArcDbContext> contexts, IKeyVault vault, TimeProvider time) : IClientCertificateAuthority, IDisposable
{
    /// <summary>The row of <see cref="Provisioning.StoredCertificateAuthority"/> that holds this root (1 is the devices').</summary>
    public const int StoredId = 2;
    public const string Organisation = "Arc Portal API client";

    private readonly LocalCertificateAuthority _ca = new(contexts, vault, time, StoredId, "CN=Arc Portal API Client CA, O=Arc Portal");
    private X509Certificate2? _root;

    /// <summary>The root's certificate (no key), which a client certificate must chain to; loaded when the portal starts.</summary>
    public X509Certificate2 Root => _root ?? throw new InvalidOperationException("The API client authority is loaded when the stores are initialised.");

    public async Task LoadAsync(CancellationToken ct = default)
    {
        var (_, pem) = await _ca.RootAsync(ct);
        _root = X509Certificate2.CreateFromPem(pem);
    }

    public async Task<IssuedClientCertificate> IssueAsync(string clientId, DateTimeOffset notAfter, CancellationToken ct = default)
    {
        var name = new X500DistinguishedNameBuilder();
        name.AddOrganizationName(Organisation);
        name.AddCommonName(clientId);
        var (certificate, privateKeyPem) = await _ca.IssueClientAsync(name.Build(), notAfter, ct);
        using (certificate)
            return new IssuedClientCertificate(certificate.ExportCertificatePem(), privateKeyPem, LocalCertificateAuthority.Fingerprint(certificate),
                new DateTimeOffset(certificate.NotAfter.ToUniversalTime()));
    }

    public void Dispose()
    {
        _ca.Dispose();
        _root?.Dispose();
    }
}
