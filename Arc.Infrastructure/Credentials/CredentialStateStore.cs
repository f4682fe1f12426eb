using System.Collections.Concurrent;
using Arc.Domain.Credentials;
using Arc.Domain.Permissions;
using Arc.Infrastructure.Persistence;
using Arc.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Arc.Infrastructure.Credentials;

/// <summary>What a call needs to know about the credential whose token it carries: whether it may act, with which permissions.</summary>
/// <param name="Secrets">The credential's secrets by id, with the end of each (none for the current one).</param>
public sealed record CredentialState(int Id, string Actor, DateTimeOffset? RevokedAt, DateTimeOffset ExpiresAt,
    IReadOnlyDictionary<int, DateTimeOffset?> Secrets, IReadOnlySet<string> Permissions)
{
    /// <summary>Active, and the secret the token was issued for still valid (a rotated-out secret's tokens end with its overlap).</summary>
    public bool IsActiveAt(DateTimeOffset now, int secretId) =>
        RevokedAt is null && ExpiresAt > now && Secrets.TryGetValue(secretId, out var end) && (end is null || end > now);

    /// <summary>The state in the shape the permission checks read for a person's account.</summary>
    public AccountState AsAccount(bool active) =>
        new(Actor, true, active, false, "", active ? Permissions : new HashSet<string>());
}

/// <summary>
/// Loads a credential's state and its groups' permissions (as <see cref="AccountStateStore"/> does for an account), cached
/// for a few seconds; a revocation or rotation on this node forgets it at once, another node within <see cref="CacheFor"/>.
/// Also keeps the credential's last use, written at most once a minute per credential and node rather than per call.
/// </summary>
public sealed class CredentialStateStore(IDbContextFactory<ArcDbContext> contexts, IMemoryCache cache, TimeProvider time) : ICredentialStateCache
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan LastUseEvery = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<int, DateTimeOffset> _lastWritten = new();

    public async Task<CredentialState?> GetAsync(int credentialId, CancellationToken ct = default)
    {
        if (cache.TryGetValue(Key(credentialId), out CredentialState? cached) && cached is not null)
            return cached;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var credential = await db.Set<ServiceCredential>().AsNoTracking().Where(c => c.Id == credentialId)
            .Select(c => new { c.Id, c.ClientId, c.RevokedAt, c.ExpiresAt, Secrets = c.Secrets.Select(s => new { s.Id, s.ExpiresAt }).ToList() })
            .FirstOrDefaultAsync(ct);
        if (credential is null)
            return null;
        var permissions = await db.Set<GroupPermission>().AsNoTracking()
            .Where(p => db.Set<ServiceCredentialGroup>().Any(g => g.CredentialId == credentialId && g.GroupId == p.GroupId))
            .Select(p => p.Permission).Distinct().ToListAsync(ct);
        var state = new CredentialState(credential.Id, ServiceCredential.ActorOf(credential.ClientId), credential.RevokedAt, credential.ExpiresAt,
            credential.Secrets.ToDictionary(s => s.Id, s => s.ExpiresAt), permissions.ToHashSet(StringComparer.Ordinal));
        cache.Set(Key(credentialId), state, CacheFor);
        return state;
    }

    public void Forget(int credentialId) => cache.Remove(Key(credentialId));

    /// <summary>
    /// The credential and secret row a client certificate's fingerprint belongs to. Remembered for a while: the pairing of
    /// a fingerprint never changes, only whether its credential and row are still valid, which <see cref="GetAsync"/> answers.
    /// </summary>
    public async Task<(int CredentialId, int SecretId)?> FindCertificateAsync(string thumbprint, CancellationToken ct = default)
    {
        var key = "credential-certificate:" + thumbprint;
        if (cache.TryGetValue(key, out (int, int) remembered))
            return remembered;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Set<ServiceCredentialSecret>().AsNoTracking().Where(s => s.CertificateThumbprint == thumbprint)
            .Select(s => new { s.CredentialId, s.Id }).FirstOrDefaultAsync(ct);
        if (row is null)
            return null;
        cache.Set(key, (row.CredentialId, row.Id), TimeSpan.FromMinutes(10));
        return (row.CredentialId, row.Id);
    }

    /// <summary>Records that the credential called now, unless this node recorded it less than a minute ago.</summary>
    public async Task TouchAsync(int credentialId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        if (_lastWritten.TryGetValue(credentialId, out var last) && now - last < LastUseEvery)
            return;
        _lastWritten[credentialId] = now;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Set<ServiceCredential>().Where(c => c.Id == credentialId && (c.LastUsedAt == null || c.LastUsedAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastUsedAt, now), ct);
    }

    private static string Key(int credentialId) => "credential:" + credentialId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
