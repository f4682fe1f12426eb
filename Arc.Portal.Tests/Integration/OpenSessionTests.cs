using System.Security.Claims;
using Arc.Domain.Changes;
using Arc.Domain.Permissions;
using Arc.Domain.Users;
using Arc.Portal.Auth;
using Arc.Portal.Tests.Support;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>
/// An open page's sign-in follows the database without asking it on a schedule: what can end a user's access is
/// announced, on every node, and the circuit re-checks then.
/// </summary>
public sealed class OpenSessionTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    /// <summary>For steps whose speed the tests do not promise: a machine busy with the whole suite can be slow.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static async Task<T> WithSessionsAsync<T>(PortalServer node, Func<SessionKeeper, Task<T>> action)
    {
        await using var scope = node.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<SessionKeeper>());
    }

    /// <summary>A circuit on node B signed in as a new user of the given groups.</summary>
    private async Task<(PortalAuthenticationStateProvider Circuit, string Username, ClaimsPrincipal User)> OpenCircuitAsync(params string[] groups)
    {
        var username = await nodes.A.CreateUserAsync($"open-{Guid.NewGuid():N}@arc.test", groups);
        await using var db = nodes.A.CreateDb();
        var user = await db.UserSet.AsNoTracking().SingleAsync(u => u.Username == username);
        var session = await WithSessionsAsync(nodes.B, k => k.StartAsync(username, user.SecurityStamp, "test", "127.0.0.1"));
        var principal = PortalClaims.For(user, session);
        var circuit = ActivatorUtilities.CreateInstance<PortalAuthenticationStateProvider>(nodes.B.Services);
        circuit.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return (circuit, username, principal);
    }

    private static Task<ClaimsPrincipal> NextStateAsync(AuthenticationStateProvider circuit)
    {
        var next = new TaskCompletionSource<ClaimsPrincipal>(TaskCreationOptions.RunContinuationsAsynchronously);
        circuit.AuthenticationStateChanged += async state => next.TrySetResult((await state).User);
        return next.Task;
    }

    private async Task<Task> AnnouncedAsync(string username)
    {
        var announced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = nodes.B.Services.GetRequiredService<IChangeFeed>().Subscribe(ChangeTopics.UserAccess, username,
            () => { announced.TrySetResult(); return Task.CompletedTask; });
        await Task.Yield();
        return announced.Task.ContinueWith(t => { subscription.Dispose(); return t; }, TaskScheduler.Default).Unwrap();
    }

    [Fact]
    public async Task A_user_disabled_on_node_A_loses_the_page_open_on_node_B_within_a_second()
    {
        var (circuit, username, _) = await OpenCircuitAsync("support");
        using var _ = circuit;
        var next = NextStateAsync(circuit);

        await using (var scope = await nodes.A.AsUserAsync(await nodes.A.AdminUsernameAsync()))
            await scope.ServiceProvider.GetRequiredService<SetUserEnabled>().HandleAsync(username, enabled: false);

        var user = await next.WaitAsync(Second);
        Assert.False(user.Identity?.IsAuthenticated);
    }

    [Fact]
    public async Task A_session_ended_on_node_A_signs_out_the_page_open_on_node_B_within_a_second()
    {
        var (circuit, username, principal) = await OpenCircuitAsync("support");
        using var _ = circuit;
        var next = NextStateAsync(circuit);

        await WithSessionsAsync(nodes.A, async k => { await k.EndAsync(principal.Session()!.Value, username, SessionEndReasons.SignedOut); return 0; });

        Assert.False((await next.WaitAsync(Second)).Identity?.IsAuthenticated);
    }

    [Fact]
    public async Task A_permission_given_to_the_users_group_on_node_A_makes_the_page_on_node_B_check_its_policies_again()
    {
        var group = await nodes.A.CreateGroupAsync($"Open {Guid.NewGuid():N}"[..20], Perm.VehicleRead);
        var (circuit, username, principal) = await OpenCircuitAsync();
        using var _ = circuit;
        // Joining the group is announced too: once the circuit has looked again, it knows the permissions it holds.
        var joined = NextStateAsync(circuit);
        await nodes.A.AddToGroupAsync(username, group);
        await joined.WaitAsync(Patience);
        var next = NextStateAsync(circuit);

        await using (var db = nodes.A.CreateDb())
        {
            db.GroupPermissionSet.Add(new GroupPermission { GroupId = group, Permission = Perm.UserRead });
            await db.SaveChangesAsync();
        }

        var user = await next.WaitAsync(Patience);
        Assert.Same(principal, user); // still signed in, told to look again
    }

    [Fact]
    public async Task Routine_writes_to_an_account_are_not_announced_and_access_changes_are()
    {
        var username = await nodes.A.CreateUserAsync($"quiet-{Guid.NewGuid():N}@arc.test", "support");
        var session = await WithSessionsAsync(nodes.A, k => k.StartAsync(username, "stamp", "test", "127.0.0.1"));

        var routine = await AnnouncedAsync(username);
        await using (var db = nodes.A.CreateDb())
        {
            await db.UserSet.Where(u => u.Username == username)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.FailedSignIns, 2).SetProperty(x => x.LastSignIn, DateTimeOffset.UtcNow));
            await db.Set<UserSession>().Where(s => s.Id == session).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeen, DateTimeOffset.UtcNow));
        }
        await Task.Delay(500);
        Assert.False(routine.IsCompleted, "a sign-in's counters or a session's last-seen time were announced");

        var groupChange = await AnnouncedAsync(username);
        await nodes.A.AddToGroupAsync(username, SeedGroups.ByMachineName("quality").Id);
        await groupChange.WaitAsync(Second);

        var stampChange = await AnnouncedAsync(username);
        await using (var db = nodes.A.CreateDb())
            await db.UserSet.Where(u => u.Username == username).ExecuteUpdateAsync(u => u.SetProperty(x => x.SecurityStamp, "rotated"));
        await stampChange.WaitAsync(Second);
    }
}
