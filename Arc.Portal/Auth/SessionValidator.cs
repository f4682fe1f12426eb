using System.Security.Claims;
using Arc.Domain.Users;
using Arc.Infrastructure.Users;

namespace Arc.Portal.Auth;

/// <summary>
/// A session stays valid while its account exists, is enabled and keeps the stamp the session was issued under, and its
/// server-side session row is open (not signed out, within its absolute lifetime, not idle).
/// </summary>
public sealed class SessionValidator(AccountStateStore accounts, SessionKeeper sessions)
{
    /// <param name="fresh">Read the account again rather than trust the short cache.</param>
    /// <param name="activity">The check is made for something the user did, which keeps the session from going idle.</param>
    public async Task<bool> IsValidAsync(ClaimsPrincipal principal, bool fresh, bool activity, CancellationToken ct = default) =>
        await ValidUntilAsync(principal, fresh, activity, ct) is not null;

    /// <summary>As <see cref="IsValidAsync"/>; a valid session also tells when it ends unless it is used: null when it is not valid.</summary>
    public async Task<DateTimeOffset?> ValidUntilAsync(ClaimsPrincipal principal, bool fresh, bool activity, CancellationToken ct = default)
    {
        if (principal.Username() is not { } username || principal.Session() is not { } session)
            return null;
        if (fresh)
            accounts.Invalidate(username);
        var state = await accounts.GetAsync(username, principal.Stamp(), ct);
        if (!state.IsActive || !string.Equals(state.SecurityStamp, principal.Stamp(), StringComparison.Ordinal))
            return null;
        return await sessions.ActiveUntilAsync(session, username, activity, ct);
    }
}
