using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Users;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Arc.Infrastructure.Users;

/// <summary>What the server currently knows about a signed-in account: whether it may act and with which permissions.</summary>
public sealed record AccountState(string Username, bool Exists, bool Enabled, bool MustChangePassword, string SecurityStamp,
    IReadOnlySet<string> Permissions)
{
    public bool IsActive => Exists && Enabled;
}

/// <summary>
/// Loads an account's state and effective permissions from the database (spec/backend.md §3.2: permissions come only
/// through groups; resources are ignored for checks), cached briefly so a page does not query once per button.
/// A disabled account, or one that must first change its password or enrol an authenticator, holds no permissions.
/// </summary>
public sealed class AccountStateStore(IDbContextFactory<ArcDbContext> contexts, IMemoryCache cache)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(15);

    /// <param name="sessionStamp">
    /// The stamp the caller's session was issued under. A cached state with another stamp may predate a change made
    /// moments ago (on this node or another), so it is read again rather than trusted.
    /// </param>
    public async Task<AccountState> GetAsync(string username, string? sessionStamp = null, CancellationToken ct = default)
    {
        if (cache.TryGetValue(Key(username), out AccountState? cached) && cached is not null
            && (sessionStamp is null || cached.SecurityStamp == sessionStamp))
            return cached;
        var state = await LoadAsync(username, ct);
        // An account on its way in (a password to change, an authenticator to enrol) is read afresh each time, so the
        // moment it is done the portal opens up without waiting for the cache.
        if (state.Permissions.Count > 0 || !state.IsActive)
            cache.Set(Key(username), state, CacheFor);
        return state;
    }

    /// <summary>Forgets the cached state so the next check reads the database (after a change to the account).</summary>
    public void Invalidate(string username) => cache.Remove(Key(username));

    private async Task<AccountState> LoadAsync(string username, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var user = await db.Set<User>().AsNoTracking().Where(u => u.Username == username)
            .Select(u => new { u.Enabled, u.MustChangePassword, u.SecurityStamp, MustEnrolMfa = u.Mfa == MfaPreference.Required && !u.TotpEnabled && u.PasswordHash != null })
            .FirstOrDefaultAsync(ct);
        if (user is null)
            return new AccountState(username, false, false, false, "", new HashSet<string>());
        IReadOnlySet<string> permissions = new HashSet<string>();
        if (user.Enabled && !user.MustChangePassword && !user.MustEnrolMfa)
        {
            var names = await db.Set<GroupPermission>().AsNoTracking()
                .Where(p => db.Set<GroupMember>().Any(m => m.Username == username && m.GroupId == p.GroupId))
                .Select(p => p.Permission).Distinct().ToListAsync(ct);
            permissions = names.ToHashSet(StringComparer.Ordinal);
        }
        return new AccountState(username, true, user.Enabled, user.MustChangePassword, user.SecurityStamp, permissions);
    }

    private static string Key(string username) => "account:" + username;
}
