using System.Security.Claims;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Jobs;
using Arc.Infrastructure.Credentials;
using Arc.Infrastructure.Users;
using Microsoft.AspNetCore.Components.Authorization;

namespace Arc.Portal.Auth;

/// <summary>
/// The use cases' view of the caller. In a circuit it reads the circuit's authentication state; a plain HTTP
/// endpoint hands it the request's principal first. Either way the account is checked against the database. An API call
/// with a service credential's token acts as that credential (<c>credential:</c> and its client id) with its groups' permissions.
/// </summary>
public sealed class PortalCurrentUser(AuthenticationStateProvider authentication, AccountStateStore accounts, IArcDataFactory dataFactory,
    AuditTrail audit, CredentialStateStore credentials, TimeProvider time) : ICurrentUser, IJobActor
{
    private ClaimsPrincipal? _principal;
    private string? _actor;

    public void UsePrincipal(ClaimsPrincipal principal) => _principal = principal;

    /// <summary>
    /// A background job acts for the user who started it: with that account's permissions as they are now, so a job
    /// of a user who has since been disabled or lost the permission does nothing more.
    /// </summary>
    public void ActAs(string username) => _actor = username;

    public async Task<string?> GetUsernameAsync(CancellationToken ct = default) => (await StateAsync(ct))?.Username;

    public async Task<IReadOnlySet<string>> GetPermissionsAsync(CancellationToken ct = default) =>
        (await StateAsync(ct))?.Permissions ?? new HashSet<string>();

    public async Task<Guid?> GetSessionIdAsync(CancellationToken ct = default) =>
        _actor is not null ? null : (_principal ?? (await authentication.GetAuthenticationStateAsync()).User).Session();

    public async Task RecordRefusalAsync(string username, string requirement, string? entityType, string? entityId, CancellationToken ct = default)
    {
        // A unit of work of its own: the refused operation rolls back or never starts, the record of the refusal stays.
        await using var data = dataFactory.Open();
        audit.Record(data, username, AuditActions.AccessDenied, entityType ?? AuditEntityTypes.Permission, entityId ?? requirement,
            new { requirement });
        await data.SaveChangesAsync(CancellationToken.None);
    }

    private async Task<AccountState?> StateAsync(CancellationToken ct)
    {
        if (_actor is not null)
        {
            var acting = await accounts.GetAsync(_actor, null, ct);
            return acting.IsActive ? acting : null;
        }
        var principal = _principal ?? (await authentication.GetAuthenticationStateAsync()).User;
        if (principal.Credential() is { } token)
        {
            var credential = await credentials.GetAsync(token.CredentialId, ct);
            return credential is not null && credential.IsActiveAt(time.GetUtcNow(), token.SecretId) ? credential.AsAccount(active: true) : null;
        }
        if (principal.Username() is not { } username)
            return null;
        var state = await accounts.GetAsync(username, principal.Stamp(), ct);
        return state.IsActive && string.Equals(state.SecurityStamp, principal.Stamp(), StringComparison.Ordinal) ? state : null;
    }
}
