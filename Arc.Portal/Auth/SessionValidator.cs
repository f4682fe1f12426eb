using System.Security.Claims;
using Arc.Infrastructure.Users;

namespace Arc.Portal.Auth;

/// <summary>A session stays valid while its account exists, is enabled and keeps the stamp the session was issued under.</summary>
public sealed class SessionValidator(AccountStateStore accounts)
{
    public async Task<bool> IsValidAsync(ClaimsPrincipal principal, bool fresh, CancellationToken ct = default)
    {
        if (principal.Username() is not { } username)
            return false;
        if (fresh)
            accounts.Invalidate(username);
        var state = await accounts.GetAsync(username, principal.Stamp(), ct);
        return state.IsActive && string.Equals(state.SecurityStamp, principal.Stamp(), StringComparison.Ordinal);
    }
}
