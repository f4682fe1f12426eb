using Arc.Domain.Audit;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Telemetry;
using Arc.Domain.Users;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>
/// Two staff open the same thing and both save: the second save, made from a page that no longer shows the current
/// state, is refused with a message that says so, and the first one's change stays.
/// </summary>
public sealed class ConcurrentEditTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private const string Refused = "was changed by someone else; reload to see the changes.";

    private async Task<T> AsAsync<T>(string username, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = await portal.AsUserAsync(username);
        return await action(scope.ServiceProvider);
    }

    private Task AsAsync(string username, Func<IServiceProvider, Task> action) => AsAsync(username, async sp =>
    {
        await action(sp);
        return 0;
    });

    /// <summary>The seeded administrator and a second administrator; both act for every authority.</summary>
    private async Task<(string First, string Second)> TwoAdministratorsAsync()
    {
        var second = await portal.CreateUserAsync($"second-admin-{Guid.NewGuid():N}@arc.test", "all");
        await portal.AddAuthorityMemberAsync(second, Authority.RootId);
        return (await portal.AdminUsernameAsync(), second);
    }

    private async Task<ConflictException> RefusedAsync(string username, Func<IServiceProvider, Task> change)
    {
        var error = await Assert.ThrowsAsync<ConflictException>(() => AsAsync(username, change));
        Assert.EndsWith(Refused, error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public async Task The_second_rename_of_a_permission_group_from_a_stale_page_is_refused()
    {
        var (first, second) = await TwoAdministratorsAsync();
        var name = $"Stale {Guid.NewGuid():N}"[..18];
        var id = await portal.CreateGroupAsync(name);
        var firstPage = await AsAsync(first, sp => sp.GetRequiredService<GetPermissionGroup>().HandleAsync(id));
        var secondPage = await AsAsync(second, sp => sp.GetRequiredService<GetPermissionGroup>().HandleAsync(id));

        await AsAsync(first, sp => sp.GetRequiredService<RenamePermissionGroup>().HandleAsync(id, name + " one", firstPage.RowVersion));
        var error = await RefusedAsync(second, sp => sp.GetRequiredService<RenamePermissionGroup>().HandleAsync(id, name + " two", secondPage.RowVersion));

        Assert.Equal($"Permission group {name} one {Refused}", error.Message);
        var now = await AsAsync(second, sp => sp.GetRequiredService<GetPermissionGroup>().HandleAsync(id));
        Assert.Equal(name + " one", now.Name);
        await using var db = portal.CreateDb();
        Assert.Equal(1, await db.AuditSet.CountAsync(a => a.Action == AuditActions.GroupRenamed && a.EntityId == id.ToString()));

        // Reloaded, the second administrator's page has the current version and saves.
        await AsAsync(second, sp => sp.GetRequiredService<RenamePermissionGroup>().HandleAsync(id, name + " two", now.RowVersion));
    }

    [Fact]
    public async Task A_change_to_a_groups_permissions_or_members_refuses_other_stale_pages_of_the_group()
    {
        var (first, second) = await TwoAdministratorsAsync();
        var id = await portal.CreateGroupAsync($"Set {Guid.NewGuid():N}"[..16], Perm.UsersRead);
        var stale = await AsAsync(second, sp => sp.GetRequiredService<GetPermissionGroup>().HandleAsync(id));
        var fresh = await AsAsync(first, sp => sp.GetRequiredService<GetPermissionGroup>().HandleAsync(id));

        await AsAsync(first, sp => sp.GetRequiredService<SetGroupPermission>().HandleAsync(id, Perm.VehicleRead, granted: true, fresh.RowVersion));
        await RefusedAsync(second, sp => sp.GetRequiredService<SetGroupPermission>().HandleAsync(id, Perm.UsersRead, granted: false, stale.RowVersion));
        var memberEmail = $"member-{Guid.NewGuid():N}@arc.test";
        await portal.CreateUserAsync(memberEmail);
        await RefusedAsync(second, sp => sp.GetRequiredService<AddUserToGroupByEmail>().HandleAsync(memberEmail, id, stale.RowVersion));

        var now = await AsAsync(second, sp => sp.GetRequiredService<GetPermissionGroup>().HandleAsync(id));
        Assert.Equal([Perm.UsersRead, Perm.VehicleRead], now.Permissions.Select(p => p.Name));
        Assert.Empty(now.Members);

        // A member added from the group page changes its version too.
        await AsAsync(first, sp => sp.GetRequiredService<AddUserToGroupByEmail>().HandleAsync(memberEmail, id, now.RowVersion));
        await RefusedAsync(second, sp => sp.GetRequiredService<SetGroupPermission>().HandleAsync(id, Perm.UsersRead, granted: false, now.RowVersion));
    }

    [Fact]
    public async Task The_second_change_of_an_authoritys_members_from_a_stale_page_is_refused()
    {
        var (first, second) = await TwoAdministratorsAsync();
        var id = await AsAsync(first, sp => sp.GetRequiredService<CreateAuthority>().HandleAsync($"Members {Guid.NewGuid():N}"[..20]));
        var emails = new[] { $"one-{Guid.NewGuid():N}@arc.test", $"two-{Guid.NewGuid():N}@arc.test" };
        foreach (var email in emails)
            await portal.CreateUserAsync(email);
        var firstPage = await AsAsync(first, sp => sp.GetRequiredService<GetAuthority>().HandleAsync(id));
        var secondPage = await AsAsync(second, sp => sp.GetRequiredService<GetAuthority>().HandleAsync(id));

        await AsAsync(first, sp => sp.GetRequiredService<SetAuthorityMember>().HandleAsync(id, emails[0], member: true, firstPage.RowVersion));
        await RefusedAsync(second, sp => sp.GetRequiredService<SetAuthorityMember>().HandleAsync(id, emails[1], member: true, secondPage.RowVersion));

        Assert.Equal([emails[0]], (await AsAsync(second, sp => sp.GetRequiredService<GetAuthority>().HandleAsync(id))).Members);
    }

    [Fact]
    public async Task The_second_edit_of_a_users_profile_groups_or_state_from_a_stale_page_is_refused()
    {
        var (first, second) = await TwoAdministratorsAsync();
        var target = await portal.CreateUserAsync($"target-{Guid.NewGuid():N}@arc.test", "support");
        var page = await AsAsync(first, sp => sp.GetRequiredService<GetUser>().HandleAsync(target));
        var stale = await AsAsync(second, sp => sp.GetRequiredService<GetUser>().HandleAsync(target));

        await AsAsync(first, sp => sp.GetRequiredService<UpdateUserProfile>().HandleAsync(target, new ProfileChange("First Name", page.Email, null, RowVersion: page.RowVersion)));
        await RefusedAsync(second, sp => sp.GetRequiredService<UpdateUserProfile>().HandleAsync(target, new ProfileChange("Second Name", stale.Email, null, RowVersion: stale.RowVersion)));
        await RefusedAsync(second, sp => sp.GetRequiredService<SetUserGroup>().HandleAsync(target, 2, member: true, userVersion: stale.RowVersion));
        await RefusedAsync(second, sp => sp.GetRequiredService<SetUserEnabled>().HandleAsync(target, enabled: false, stale.RowVersion));
        await RefusedAsync(second, sp => sp.GetRequiredService<SetUserMfa>().HandleAsync(target, MfaPreference.Required, stale.RowVersion));

        var now = await AsAsync(second, sp => sp.GetRequiredService<GetUser>().HandleAsync(target));
        Assert.Equal(("First Name", true, MfaPreference.Off), (now.DisplayName, now.Enabled, now.Mfa));
        Assert.Equal(["Arcimoto Support"], now.Groups.Select(g => g.Name));
        await using (var db = portal.CreateDb())
            Assert.DoesNotContain(await db.AuditSet.Where(a => a.EntityId == target).Select(a => a.Action).ToListAsync(),
                a => a.StartsWith(AuditActions.UserDisabled, StringComparison.Ordinal) || a.StartsWith(AuditActions.UserMfaChanged, StringComparison.Ordinal));

        // A group added from the user page changes the user's version, so the profile form read before it is stale.
        await AsAsync(first, sp => sp.GetRequiredService<SetUserGroup>().HandleAsync(target, 2, member: true, userVersion: now.RowVersion));
        await RefusedAsync(second, sp => sp.GetRequiredService<SetUserEnabled>().HandleAsync(target, enabled: false, now.RowVersion));
    }

    [Fact]
    public async Task The_second_save_of_a_vehicles_telemetry_points_from_a_stale_page_is_refused()
    {
        var (first, second) = await TwoAdministratorsAsync();
        var vin = "DEV-" + DemoData.MakeVin('T', 'N', 61);
        var firstPage = await AsAsync(first, sp => sp.GetRequiredService<GetVehicleTelemetryConfiguration>().HandleAsync(vin));
        var secondPage = await AsAsync(second, sp => sp.GetRequiredService<GetVehicleTelemetryConfiguration>().HandleAsync(vin));

        await AsAsync(first, sp => sp.GetRequiredService<SaveVehicleTelemetryConfiguration>().HandleAsync(vin, TelemetryCatalogue.Current, ["speed", "odometer"], firstPage.RowVersion));
        var error = await RefusedAsync(second, sp => sp.GetRequiredService<SaveVehicleTelemetryConfiguration>().HandleAsync(vin, TelemetryCatalogue.Current, ["speed"], secondPage.RowVersion));

        Assert.Equal($"The telemetry configuration of {vin} {Refused}", error.Message);
        Assert.Equal(["odometer", "speed"], (await AsAsync(second, sp => sp.GetRequiredService<GetVehicleTelemetryConfiguration>().HandleAsync(vin))).Points);
    }

    [Fact]
    public async Task Wrong_passwords_sent_at_once_all_count_towards_the_lockout()
    {
        var email = $"guessed-{Guid.NewGuid():N}@arc.test";
        var username = await portal.CreateUserAsync(email);

        async Task<SignInResult> GuessAsync(int i)
        {
            await using var scope = portal.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<SignInWithPassword>().HandleAsync(email, $"Wrong-Guess-{i}!");
        }

        var results = await Task.WhenAll(Enumerable.Range(0, User.MaxFailedSignIns - 1).Select(GuessAsync));

        Assert.All(results, r => Assert.Equal(SignInOutcome.InvalidCredentials, r.Outcome));
        await using (var db = portal.CreateDb())
            Assert.Equal(User.MaxFailedSignIns - 1, (await db.UserSet.AsNoTracking().SingleAsync(u => u.Username == username)).FailedSignIns);
        Assert.Equal(SignInOutcome.LockedOut, (await GuessAsync(99)).Outcome);
        await using (var db = portal.CreateDb())
            Assert.NotNull((await db.UserSet.AsNoTracking().SingleAsync(u => u.Username == username)).LockedUntil);
    }
}
