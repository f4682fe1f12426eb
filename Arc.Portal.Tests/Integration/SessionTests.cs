using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Users;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>Server-side sessions through their use cases, on the real database.</summary>
public sealed class SessionTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private async Task<Guid> StartAsync(string username)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await using var db = portal.CreateDb();
        var stamp = await db.UserSet.Where(u => u.Username == username).Select(u => u.SecurityStamp).SingleAsync();
        return await scope.ServiceProvider.GetRequiredService<SessionKeeper>().StartAsync(username, stamp, "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0", "192.0.2.7");
    }

    private async Task<bool> IsActiveAsync(Guid session, string username)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SessionKeeper>().IsActiveAsync(session, username, activity: false);
    }

    [Fact]
    public async Task Disabling_a_user_ends_every_session_of_theirs_in_the_same_change()
    {
        var username = await portal.CreateUserAsync($"to-disable-{Guid.NewGuid():N}@arc.test", "support");
        var first = await StartAsync(username);
        var second = await StartAsync(username);
        Assert.True(await IsActiveAsync(first, username));

        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            await scope.ServiceProvider.GetRequiredService<SetUserEnabled>().HandleAsync(username, enabled: false);

        await using var db = portal.CreateDb();
        var ended = await db.Set<UserSession>().Where(s => s.Id == first || s.Id == second).ToListAsync();
        Assert.All(ended, s => Assert.Equal(SessionEndReasons.AccountDisabled, s.EndedReason));
        Assert.False(await IsActiveAsync(first, username));
    }

    [Fact]
    public async Task A_user_lists_and_ends_only_their_own_sessions()
    {
        var owner = await portal.CreateUserAsync($"owner-{Guid.NewGuid():N}@arc.test", "support");
        var stranger = await portal.CreateUserAsync($"stranger-{Guid.NewGuid():N}@arc.test", "support");
        var elsewhere = await StartAsync(owner);
        var theirs = await StartAsync(stranger);

        await using var scope = await portal.AsUserAsync(owner);
        var sessions = await scope.ServiceProvider.GetRequiredService<ListMySessions>().HandleAsync();
        Assert.Equal(2, sessions.Count);
        Assert.True(sessions[0].IsCurrent);
        Assert.Equal(("192.0.2.7", "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0"), (sessions[1].Address, sessions[1].Device));

        // Another person's session id is answered as unknown and stays open.
        await Assert.ThrowsAsync<NotFoundException>(() => scope.ServiceProvider.GetRequiredService<EndMySession>().HandleAsync(theirs));
        Assert.True(await IsActiveAsync(theirs, stranger));

        await scope.ServiceProvider.GetRequiredService<EndMySession>().HandleAsync(elsewhere);
        Assert.False(await IsActiveAsync(elsewhere, owner));
        Assert.Single(await scope.ServiceProvider.GetRequiredService<ListMySessions>().HandleAsync());
        await using var db = portal.CreateDb();
        Assert.True(await db.AuditSet.AnyAsync(e => e.Actor == owner && e.Action == AuditActions.UserSessionEnded));
    }

    [Fact]
    public async Task A_password_change_ends_the_other_sessions_and_keeps_this_one()
    {
        var username = await portal.CreateUserAsync($"changer-{Guid.NewGuid():N}@arc.test", "support");
        var elsewhere = await StartAsync(username);
        await using var scope = await portal.AsUserAsync(username);
        var current = (await scope.ServiceProvider.GetRequiredService<ICurrentUser>().GetSessionIdAsync())!.Value;

        await scope.ServiceProvider.GetRequiredService<ChangePassword>()
            .HandleAsync(new ChangePasswordCommand(PortalServer.UserPassword, "A-whole-new-passphrase-42", "A-whole-new-passphrase-42"));

        Assert.False(await IsActiveAsync(elsewhere, username));
        Assert.True(await IsActiveAsync(current, username));
    }

    [Fact]
    public async Task An_administrator_signs_a_user_out_everywhere_and_the_audit_log_says_so()
    {
        var username = await portal.CreateUserAsync($"lost-laptop-{Guid.NewGuid():N}@arc.test", "support");
        var session = await StartAsync(username);
        var admin = await portal.AdminUsernameAsync();
        await using (var scope = await portal.AsUserAsync(admin))
        {
            Assert.Single(await scope.ServiceProvider.GetRequiredService<ListUserSessions>().HandleAsync(username));
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<EndUserSessions>().HandleAsync(username));
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<ListUserSessions>().HandleAsync(username));
        }
        Assert.False(await IsActiveAsync(session, username));
        await using var db = portal.CreateDb();
        var entry = await db.AuditSet.SingleAsync(e => e.Action == AuditActions.UserSessionsEnded && e.EntityId == username);
        Assert.Equal(admin, entry.Actor);
    }

    [Fact]
    public async Task Device_and_address_are_stored_short_and_without_control_characters()
    {
        var username = await portal.CreateUserAsync($"hostile-agent-{Guid.NewGuid():N}@arc.test");
        await using var scope = portal.Services.CreateAsyncScope();
        var id = await scope.ServiceProvider.GetRequiredService<SessionKeeper>()
            .StartAsync(username, "stamp", "Evil\r\nSet-Cookie: x" + new string('A', 5_000), new string('9', 500));
        await using var db = portal.CreateDb();
        var session = await db.Set<UserSession>().SingleAsync(s => s.Id == id);
        Assert.Equal(UserSession.MaxDeviceLength, session.Device.Length);
        Assert.DoesNotContain('\n', session.Device);
        Assert.Equal(UserSession.MaxAddressLength, session.Address.Length);
    }
}
