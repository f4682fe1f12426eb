using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Provisioning;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Arc.Infrastructure.Provisioning;

public class StoredThing
{
    public required string ThingName { get; set; }
    public required string ThingGroup { get; set; }
    public required string Attributes { get; set; }
    public DateTimeOffset Created { get; set; }
}

public class StoredCertificate
{
    public required string CertificateId { get; set; }
    public string? ThingName { get; set; }
    public required string CertificatePem { get; set; }
    public required string Status { get; set; }
    public required string Policies { get; set; }
    public DateTimeOffset Created { get; set; }
}

/// <summary>The local CA's root: its certificate, and its private key sealed by the key vault like authority keys.</summary>
public class StoredCertificateAuthority
{
    public int Id { get; set; }
    public required string CertificatePem { get; set; }
    public required string KeyReference { get; set; }
    public required byte[] SealedKey { get; set; }
}

/// <summary>
/// The device registry kept in PostgreSQL, with real X.509 device certificates (ECDSA P-256, client authentication)
/// issued by a local certificate authority whose root is made on first use and kept sealed by the key vault.
/// Certificate ids are the SHA-256 fingerprint of the certificate, as in AWS IoT.
/// </summary>
public sealed class LocalDeviceRegistry(IDbContextFactory<ArcDbContext> contexts, IKeyVault vault, TimeProvider time) : IDeviceRegistry, IDisposable
{
    public const string LocalEndpoint = "localhost";
    private readonly SemaphoreSlim _caGate = new(1, 1);
    private (X509Certificate2 Certificate, string Pem)? _root;

    public string Endpoint => LocalEndpoint;

    public string RootCertificatePem => RootAsync(CancellationToken.None).GetAwaiter().GetResult().Pem;

    public async Task<ThingInfo?> DescribeThingAsync(string thingName, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var thing = await db.Set<StoredThing>().AsNoTracking().FirstOrDefaultAsync(t => t.ThingName == thingName, ct);
        return thing is null ? null : Info(thing);
    }

    public async Task<ThingInfo> CreateThingAsync(string thingName, string thingGroup, IReadOnlyDictionary<string, string> attributes, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var thing = await db.Set<StoredThing>().FirstOrDefaultAsync(t => t.ThingName == thingName, ct);
        if (thing is null)
        {
            thing = new StoredThing { ThingName = thingName, ThingGroup = thingGroup, Attributes = JsonSerializer.Serialize(attributes), Created = time.GetUtcNow() };
            db.Add(thing);
            await db.SaveChangesAsync(ct);
        }
        return Info(thing);
    }

    public async Task<bool> DeleteThingAsync(string thingName, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Set<StoredCertificate>().AnyAsync(c => c.ThingName == thingName, ct))
            throw new ConflictException($"Thing {thingName} still has certificates attached; revoke them first.");
        return await db.Set<StoredThing>().Where(t => t.ThingName == thingName).ExecuteDeleteAsync(ct) > 0;
    }

    public async Task<IReadOnlyList<string>> ListThingCertificatesAsync(string thingName, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Set<StoredCertificate>().Where(c => c.ThingName == thingName).OrderBy(c => c.Created).Select(c => c.CertificateId).ToListAsync(ct);
    }

    public async Task<DeviceCertificate> CreateCertificateAsync(string thingName, IReadOnlyList<string> policies, CancellationToken ct = default)
    {
        var (root, _) = await RootAsync(ct);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={thingName}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        var now = time.GetUtcNow();
        using var issuerKey = root.GetECDsaPrivateKey()!;
        using var issued = request.Create(root.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), now.AddMinutes(-5), now.AddYears(20),
            RandomNumberGenerator.GetBytes(16));
        var certificatePem = issued.ExportCertificatePem();
        var id = Convert.ToHexStringLower(SHA256.HashData(issued.RawData));
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Add(new StoredCertificate
        {
            CertificateId = id, ThingName = thingName, CertificatePem = certificatePem, Status = "ACTIVE", Policies = string.Join(',', policies), Created = now,
        });
        await db.SaveChangesAsync(ct);
        return new DeviceCertificate(id, certificatePem, key.ExportPkcs8PrivateKeyPem());
    }

    public async Task RevokeCertificateAsync(string thingName, string certificateId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Set<StoredCertificate>().Where(c => c.CertificateId == certificateId).ExecuteDeleteAsync(ct);
    }

    /// <summary>Certificates still active for a thing (used by tests and the vehicle page).</summary>
    public async Task<IReadOnlyList<string>> ActivePemsAsync(string thingName, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Set<StoredCertificate>().Where(c => c.ThingName == thingName && c.Status == "ACTIVE").Select(c => c.CertificatePem).ToListAsync(ct);
    }

    /// <summary>Whether this exact certificate (by its id, the SHA-256 of its DER) is still stored and active for the thing.</summary>
    public async Task<bool> IsActiveAsync(string thingName, string certificateId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Set<StoredCertificate>().AnyAsync(c => c.CertificateId == certificateId && c.ThingName == thingName && c.Status == "ACTIVE", ct);
    }

    /// <summary>Of the given (thing, certificate) pairs, those whose certificate is the thing's and still active, in one query.</summary>
    public async Task<IReadOnlySet<(string ThingName, string CertificateId)>> ActiveAmongAsync(IReadOnlyCollection<(string ThingName, string CertificateId)> pairs,
        CancellationToken ct = default)
    {
        var ids = pairs.Select(p => p.CertificateId).Distinct().ToList();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var active = await db.Set<StoredCertificate>().Where(c => ids.Contains(c.CertificateId) && c.Status == "ACTIVE")
            .Select(c => new { c.ThingName, c.CertificateId }).ToListAsync(ct);
        // A stored certificate always names its thing; one without is left out.
        return active.Where(c => c.ThingName is not null).Select(c => (c.ThingName!, c.CertificateId)).Where(pairs.Contains).ToHashSet();
    }

    /// <summary>
    /// A TLS server certificate from the local CA for the portal's own MQTT broker, with a key that lives only in memory
    /// (a new one on every start), so devices that trust the CA from their identity file trust the broker too.
    /// </summary>
    public async Task<X509Certificate2> IssueServerCertificateAsync(IReadOnlyList<string> dnsNames, IReadOnlyList<System.Net.IPAddress> addresses,
        CancellationToken ct = default)
    {
        var (root, _) = await RootAsync(ct);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={dnsNames[0]}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
            names.AddDnsName(name);
        foreach (var address in addresses)
            names.AddIpAddress(address);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        var now = time.GetUtcNow();
        using var issuerKey = root.GetECDsaPrivateKey()!;
        using var issued = request.Create(root.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), now.AddMinutes(-5), now.AddDays(30),
            RandomNumberGenerator.GetBytes(16));
        // Through PEM, as a device loads its identity: SslStream on Linux accepts such a certificate without a PFX round-trip.
        return X509Certificate2.CreateFromPem(issued.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    private async Task<(X509Certificate2 Certificate, string Pem)> RootAsync(CancellationToken ct)
    {
        if (_root is { } cached)
            return cached;
        await _caGate.WaitAsync(ct);
        try
        {
            if (_root is { } again)
                return again;
            await using var db = await contexts.CreateDbContextAsync(ct);
            var stored = await db.Set<StoredCertificateAuthority>().FirstOrDefaultAsync(c => c.Id == 1, ct);
            if (stored is null)
            {
                using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                var request = new CertificateRequest("CN=Arc Portal Local Device CA, O=Arc Portal", key, HashAlgorithmName.SHA256);
                request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
                request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
                request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
                var now = time.GetUtcNow();
                using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(30));
                var pem = Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem());
                var sealedKey = await vault.SealAsync(pem, SealContext.LocalCaKey(1), ct: ct);
                Array.Clear(pem);
                stored = new StoredCertificateAuthority { Id = 1, CertificatePem = created.ExportCertificatePem(), KeyReference = sealedKey.KeyReference, SealedKey = sealedKey.Ciphertext };
                db.Add(stored);
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException)
                {
                    // Another node made the root first; use theirs.
                    await using var reread = await contexts.CreateDbContextAsync(ct);
                    stored = await reread.Set<StoredCertificateAuthority>().FirstAsync(c => c.Id == 1, ct);
                }
            }
            var keyPem = await vault.UnsealAsync(new SealedSecret(stored.KeyReference, stored.SealedKey), SealContext.LocalCaKey(stored.Id), ct);
            using var caKey = ECDsa.Create();
            caKey.ImportFromPem(Encoding.ASCII.GetString(keyPem));
            Array.Clear(keyPem);
            using var publicOnly = X509Certificate2.CreateFromPem(stored.CertificatePem);
            var withKey = publicOnly.CopyWithPrivateKey(caKey);
            _root = (withKey, stored.CertificatePem);
            return _root.Value;
        }
        finally
        {
            _caGate.Release();
        }
    }

    public void Dispose()
    {
        _caGate.Dispose();
        _root?.Certificate.Dispose();
    }

    private static ThingInfo Info(StoredThing thing) =>
        new(thing.ThingName, $"arn:local:iot:thing/{thing.ThingName}", thing.ThingGroup,
            JsonSerializer.Deserialize<Dictionary<string, string>>(thing.Attributes) ?? []);
}
