using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Arc.Domain.Authorities;
using Arc.Infrastructure.Persistence;
using Arc.Infrastructure.Provisioning;
using Microsoft.EntityFrameworkCore;

namespace Arc.Infrastructure.Certificates;

/// <summary>
/// A certificate authority whose root is made on first use and kept in the database (<see cref="StoredCertificateAuthority"/>
/// under its own id), its private key sealed by the key vault; every node loads the same root. It issues ECDSA P-256
/// certificates: client-authentication leaves (devices, API clients) and TLS server certificates.
/// </summary>
public sealed class LocalCertificateAuthority(IDbContextFactory<ArcDbContext> contexts, IKeyVault vault, TimeProvider time, int id, string subject) : IDisposable
{
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (X509Certificate2 Certificate, string Pem)? _root;

    /// <summary>The root with its private key, and its certificate as PEM.</summary>
    public async Task<(X509Certificate2 Certificate, string Pem)> RootAsync(CancellationToken ct = default)
    {
        if (_root is { } cached)
            return cached;
        await _gate.WaitAsync(ct);
        try
        {
            if (_root is { } again)
                return again;
            var stored = await LoadOrCreateAsync(ct);
            var keyPem = await vault.UnsealAsync(new SealedSecret(stored.KeyReference, stored.SealedKey), SealContext.LocalCaKey(stored.Id), ct);
            using var caKey = ECDsa.Create();
            caKey.ImportFromPem(Encoding.ASCII.GetString(keyPem));
            Array.Clear(keyPem);
            using var publicOnly = X509Certificate2.CreateFromPem(stored.CertificatePem);
            _root = (publicOnly.CopyWithPrivateKey(caKey), stored.CertificatePem);
            return _root.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A new key pair and a client-authentication certificate for it; the key as PKCS#8 PEM, never kept here.</summary>
    public async Task<(X509Certificate2 Certificate, string PrivateKeyPem)> IssueClientAsync(X500DistinguishedName name, DateTimeOffset notAfter, CancellationToken ct = default)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = Leaf(name, key, ClientAuthentication);
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var issued = await SignAsync(request, notAfter, ct);
        return (issued, key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>A TLS server certificate for these names and addresses, valid for 30 days, with its key.</summary>
    public async Task<X509Certificate2> IssueServerAsync(IReadOnlyList<string> dnsNames, IReadOnlyList<System.Net.IPAddress> addresses, CancellationToken ct = default)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = Leaf(new X500DistinguishedName($"CN={dnsNames[0]}"), key, ServerAuthentication);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
            names.AddDnsName(name);
        foreach (var address in addresses)
            names.AddIpAddress(address);
        request.CertificateExtensions.Add(names.Build());
        using var issued = await SignAsync(request, time.GetUtcNow().AddDays(30), ct);
        // Through PEM, as a device loads its identity: SslStream on Linux accepts such a certificate without a PFX round-trip.
        return X509Certificate2.CreateFromPem(issued.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>The SHA-256 fingerprint of a certificate's DER bytes in lower-case hex, as AWS IoT names certificates.</summary>
    public static string Fingerprint(X509Certificate2 certificate) => Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));

    public void Dispose()
    {
        _gate.Dispose();
        _root?.Certificate.Dispose();
    }

    private static CertificateRequest Leaf(X500DistinguishedName name, ECDsa key, Oid usage)
    {
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        return request;
    }

    private async Task<X509Certificate2> SignAsync(CertificateRequest request, DateTimeOffset notAfter, CancellationToken ct)
    {
        var (root, _) = await RootAsync(ct);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        using var issuerKey = root.GetECDsaPrivateKey()!;
        return request.Create(root.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), time.GetUtcNow().AddMinutes(-5), notAfter,
            RandomNumberGenerator.GetBytes(16));
    }

    private async Task<StoredCertificateAuthority> LoadOrCreateAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var stored = await db.Set<StoredCertificateAuthority>().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (stored is not null)
            return stored;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = time.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(30));
        var pem = Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem());
        var sealedKey = await vault.SealAsync(pem, SealContext.LocalCaKey(id), ct: ct);
        Array.Clear(pem);
        stored = new StoredCertificateAuthority { Id = id, CertificatePem = created.ExportCertificatePem(), KeyReference = sealedKey.KeyReference, SealedKey = sealedKey.Ciphertext };
        db.Add(stored);
        try
        {
            await db.SaveChangesAsync(ct);
            return stored;
        }
        catch (DbUpdateException)
        {
            // Another node made the root first; use theirs.
            await using var reread = await contexts.CreateDbContextAsync(ct);
            return await reread.Set<StoredCertificateAuthority>().FirstAsync(c => c.Id == id, ct);
        }
    }
}
