using System.Security.Claims;
using Arc.Domain.Common;
using Arc.Infrastructure.Users;
using Microsoft.AspNetCore.Components.Authorization;

namespace Arc.Portal.Auth;

/// <summary>
/// The use cases' view of the caller. In a circuit it reads the circuit's authentication state; a plain HTTP
/// endpoint hands it the request's principal first. Either way the account is checked against the database.
/// </summary>
public sealed class PortalCurrentUser(AuthenticationStateProvider authentication, AccountStateStore accounts) : ICurrentUser
{
    private ClaimsPrincipal? _principal;

    public void UsePrincipal(ClaimsPrincipal principal) => _principal = principal;

    public async Task<string?> GetUsernameAsync(CancellationToken ct = default) => (await StateAsync(ct))?.Username;

    public async Task<IReadOnlySet<string>> GetPermissionsAsync(CancellationToken ct = default) =>
        (await StateAsync(ct))?.Permissions ?? new HashSet<string>();

    private async Task<AccountState?> StateAsync(CancellationToken ct)
    {
        var principal = _principal ?? (await authentication.GetAuthenticationStateAsync()).User;
        if (principal.Username() is not { } username)
            return null;
        var state = await accounts.GetAsync(username, principal.Stamp(), ct);
        return state.IsActive && string.Equals(state.SecurityStamp, principal.Stamp(), StringComparison.Ordinal) ? state : null;
    }
}
