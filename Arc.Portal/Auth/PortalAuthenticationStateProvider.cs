using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace Arc.Portal.Auth;

public sealed class PortalAuthOptions
{
    public const string Section = "Portal:Auth";

    /// <summary>How often an open circuit re-checks its account (a disabled user loses access within this time).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 300)]
    public int RevalidationSeconds { get; set; } = 30;

    /// <summary>The session cookie's name; by default __Host-arc.session, and arc.session in Development (see Transport).</summary>
    public string? CookieName { get; set; }
}

/// <summary>
/// Re-checks every open circuit's account against the database; a disabled account or a rotated stamp turns the
/// circuit anonymous, and the router then sends the browser to the sign-in page. When the account's permissions have
/// changed (its groups did), the circuit is told so that pages and menus re-check their policies at once.
/// </summary>
public sealed class PortalAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes,
    IOptions<PortalAuthOptions> options) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    private IReadOnlySet<string>? _permissions;

    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(options.Value.RevalidationSeconds);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            var valid = await scope.ServiceProvider.GetRequiredService<SessionValidator>()
                .IsValidAsync(authenticationState.User, fresh: true, activity: false, cancellationToken);
            if (valid && authenticationState.User.Username() is { } username)
            {
                var permissions = (await scope.ServiceProvider.GetRequiredService<Arc.Infrastructure.Users.AccountStateStore>()
                    .GetAsync(username, authenticationState.User.Stamp(), cancellationToken)).Permissions;
                if (_permissions is not null && !_permissions.SetEquals(permissions))
                    NotifyAuthenticationStateChanged(Task.FromResult(new AuthenticationState(authenticationState.User)));
                _permissions = permissions;
            }
            return valid;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The circuit is closing while we check; its state no longer matters.
            return true;
        }
    }
}
