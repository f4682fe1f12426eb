using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Provisioning;
using Arc.Infrastructure.Certificates;
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
    private readonly LocalCertificateAuthority _ca = new(contexts, vault, time, 1, "CN=Arc Portal Local Device CA, O=Arc Portal");

    public string Endpoint => LocalEndpoint;

    public string RootCertificatePem => _ca.RootAsync(CancellationToken.None).GetAwaiter().GetResult().Pem;

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
        var now = time.GetUtcNow();
        var (issued, privateKeyPem) = await _ca.IssueClientAsync(new X500DistinguishedName($"CN={thingName}"), now.AddYears(20), ct);
        using var certificate = issued;
        var certificatePem = issued.ExportCertificatePem();
        var id = LocalCertificateAuthority.Fingerprint(issued);
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Add(new StoredCertificate
        {
            CertificateId = id, ThingName = thingName, CertificatePem = certificatePem, Status = "ACTIVE", Policies = string.Join(',', policies), Created = now,
        });
        await db.SaveChangesAsync(ct);
        return new DeviceCertificate(id, certificatePem, privateKeyPem);
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
    public Task<X509Certificate2> IssueServerCertificateAsync(IReadOnlyList<string> dnsNames, IReadOnlyList<System.Net.IPAddress> addresses,
        CancellationToken ct = default) => _ca.IssueServerAsync(dnsNames, addresses, ct);

    public void Dispose() => _ca.Dispose();

    private static ThingInfo Info(StoredThing thing) =>
        new(thing.ThingName, $"arn:local:iot:thing/{thing.ThingName}", thing.ThingGroup,
            JsonSerializer.Deserialize<Dictionary<string, string>>(thing.Attributes) ?? []);
}
