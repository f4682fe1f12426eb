using System.Security.Claims;
using Arc.Domain.Changes;
using Arc.Infrastructure.Users;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Arc.Portal.Auth;

public sealed class PortalAuthOptions
{
    public const string Section = "Portal:Auth";

    /// <summary>The session cookie's name; by default __Host-arc.session, and arc.session in Development (see Transport).</summary>
    public string? CookieName { get; set; }
}

/// <summary>
/// Keeps an open circuit's sign-in true to the database without asking it on a schedule. The circuit re-checks its
/// account when the account, its session or its groups change (on any node: the change feed's <c>user.access</c> topic)
/// and once more when the session would end unless used (idle timeout or absolute end). A disabled account, an ended
/// session or a rotated stamp turns the circuit anonymous, and the router then sends the browser to the sign-in page;
/// changed permissions make pages and menus re-check their policies at once.
/// </summary>
public sealed partial class PortalAuthenticationStateProvider : ServerAuthenticationStateProvider, IDisposable
{
    /// <summary>Checked this long after the session's computed end, so the check finds it over.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(250);
    /// <summary>The first check waits this long: a prerendered page's provider is gone by then and never queries.</summary>
    private static readonly TimeSpan FirstCheck = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LastRetry = TimeSpan.FromMinutes(1);

    private readonly IServiceScopeFactory _scopes;
    private readonly IChangeFeed _feed;
    private readonly TimeProvider _time;
    private readonly ILogger<PortalAuthenticationStateProvider> _logger;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _checking = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private ClaimsPrincipal? _watched;
    private IDisposable? _subscription;
    private ITimer? _timer;
    private IReadOnlySet<string>? _permissions;
    private TimeSpan _retry = FirstRetry;

    public PortalAuthenticationStateProvider(IServiceScopeFactory scopes, IChangeFeed feed, TimeProvider time,
        ILogger<PortalAuthenticationStateProvider> logger)
    {
        _scopes = scopes;
        _feed = feed;
        _time = time;
        _logger = logger;
        AuthenticationStateChanged += OnAuthenticationStateChanged;
    }

    private void OnAuthenticationStateChanged(Task<AuthenticationState> state) => _ = WatchAsync(state);

    private async Task WatchAsync(Task<AuthenticationState> stateTask)
    {
        ClaimsPrincipal user;
        try
        {
            user = (await stateTask).User;
        }
        catch (Exception e)
        {
            LogStateFailed(e);
            return;
        }
        lock (_gate)
        {
            // The provider's own "permissions changed" notice carries the same principal: keep watching it.
            if (ReferenceEquals(user, _watched) || _closing.IsCancellationRequested)
                return;
            StopWatching();
            if (user.Username() is not { } username)
                return;
            _watched = user;
            _permissions = null;
            _timer = _time.CreateTimer(_ => _ = CheckAsync(user, announced: false), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _subscription = _feed.Subscribe(ChangeTopics.UserAccess, username, () => CheckAsync(user, announced: true));
            // The first check learns when the session would end and which permissions the circuit holds.
            _timer.Change(FirstCheck, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task CheckAsync(ClaimsPrincipal user, bool announced)
    {
        try
        {
            await _checking.WaitAsync(_closing.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        try
        {
            if (!ReferenceEquals(user, Volatile.Read(ref _watched)))
                return;
            await using var scope = _scopes.CreateAsyncScope();
            var until = await scope.ServiceProvider.GetRequiredService<SessionValidator>()
                .ValidUntilAsync(user, fresh: true, activity: false, _closing.Token);
            if (until is null)
            {
                SignOut(user);
                return;
            }
            var permissions = (await scope.ServiceProvider.GetRequiredService<AccountStateStore>()
                .GetAsync(user.Username()!, user.Stamp(), _closing.Token)).Permissions;
            // After an announcement the page looks again even if the permissions seem unchanged: the page may have
            // drawn before this circuit first learned them, and announcements are rare.
            if (announced || (_permissions is not null && !_permissions.SetEquals(permissions)))
                NotifyAuthenticationStateChanged(Task.FromResult(new AuthenticationState(user)));
            _permissions = permissions;
            _retry = FirstRetry;
            Schedule(user, until.Value - _time.GetUtcNow() + Margin);
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            // The circuit is closing while we check; its state no longer matters.
        }
        catch (Exception e)
        {
            // The database is unreachable: the circuit keeps its state and asks again, less often each time.
            LogCheckFailed(e, _retry.TotalSeconds);
            Schedule(user, _retry);
            _retry = _retry * 2 < LastRetry ? _retry * 2 : LastRetry;
        }
        finally
        {
            _checking.Release();
        }
    }

    private void Schedule(ClaimsPrincipal user, TimeSpan due)
    {
        lock (_gate)
        {
            if (ReferenceEquals(user, _watched))
                _timer?.Change(due < Margin ? Margin : due, Timeout.InfiniteTimeSpan);
        }
    }

    private void SignOut(ClaimsPrincipal user)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(user, _watched))
                return;
            StopWatching();
        }
        SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
    }

    private void StopWatching()
    {
        _watched = null;
        _subscription?.Dispose();
        _subscription = null;
        _timer?.Dispose();
        _timer = null;
    }

    public void Dispose()
    {
        AuthenticationStateChanged -= OnAuthenticationStateChanged;
        lock (_gate)
        {
            _closing.Cancel();
            StopWatching();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the circuit's authentication state")]
    private partial void LogStateFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not re-check an open circuit's session; trying again in {Seconds} s")]
    private partial void LogCheckFailed(Exception e, double seconds);
}
