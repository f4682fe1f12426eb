using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Users;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>No editing upwards, no self-elevation (decision 12), called directly as the pages would.</summary>
public sealed class ElevationRuleTests(PortalServer portal) : IClassFixture<PortalServer>
{
    /// <summary>User administration without any vehicle permission: the shape of a help-desk group.</summary>
    private static readonly string[] HelpDesk =
        [Perm.UserRead, Perm.UsersRead, Perm.UserWrite, Perm.GroupWrite, Perm.GroupRead, Perm.GroupAddPermission, Perm.UserProfileWrite,
         Perm.UserDisable, Perm.UserEnable, Perm.UserDelete, Perm.UserCreate];

    private async Task<T> As<T>(string username, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = await portal.AsUserAsync(username);
        return await action(scope.ServiceProvider);
    }

    private async Task As(string username, Func<IServiceProvider, Task> action) => await As(username, async sp => { await action(sp); return 0; });

    private async Task<string> HelpDeskUserAsync()
    {
        var group = await portal.CreateGroupAsync($"Help desk {Guid.NewGuid():N}", HelpDesk);
        var username = await portal.CreateUserAsync($"helpdesk-{Guid.NewGuid():N}@arc.test");
        await portal.AddToGroupAsync(username, group);
        return username;
    }

    private async Task<bool> IsMemberAsync(string username, int groupId)
    {
        await using var db = portal.CreateDb();
        return await db.GroupMemberSet.AnyAsync(m => m.Username == username && m.GroupId == groupId);
    }

    [Fact]
    public async Task An_administrator_cannot_add_themselves_to_a_group_nor_add_permissions_to_a_group_they_are_in()
    {
        var admin = await portal.CreateUserAsync($"admin-{Guid.NewGuid():N}@arc.test", "all");
        var group = await portal.CreateGroupAsync($"Mine {Guid.NewGuid():N}");
        var denied = await Assert.ThrowsAsync<PermissionDeniedException>(() => As(admin, sp => sp.GetRequiredService<SetUserGroup>().HandleAsync(admin, group, true)));
        Assert.Contains("Nobody can add themselves", denied.Message, StringComparison.Ordinal);
        Assert.False(await IsMemberAsync(admin, group));

        await portal.AddToGroupAsync(admin, group);
        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            As(admin, sp => sp.GetRequiredService<SetGroupPermission>().HandleAsync(group, Perm.VehicleProvision, granted: true)));
        await using var db = portal.CreateDb();
        Assert.False(await db.GroupPermissionSet.AnyAsync(p => p.GroupId == group));
        Assert.Equal(2, await db.AuditSet.CountAsync(e => e.Actor == admin && e.Action == AuditActions.AccessDenied));
    }

    [Fact]
    public async Task Nobody_hands_out_a_permission_they_do_not_hold()
    {
        var helpDesk = await HelpDeskUserAsync();
        var other = await portal.CreateGroupAsync($"Other {Guid.NewGuid():N}");
        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            As(helpDesk, sp => sp.GetRequiredService<SetGroupPermission>().HandleAsync(other, Perm.AuthorityVehicleSign, granted: true)));
        await As(helpDesk, sp => sp.GetRequiredService<SetGroupPermission>().HandleAsync(other, Perm.UsersRead, granted: true));

        // Not through membership of a stronger group either, nor by creating an account straight into one.
        var colleague = await portal.CreateUserAsync($"colleague-{Guid.NewGuid():N}@arc.test");
        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            As(helpDesk, sp => sp.GetRequiredService<SetUserGroup>().HandleAsync(colleague, PermissionGroup.AdministratorGroupId, true)));
        Assert.False(await IsMemberAsync(colleague, PermissionGroup.AdministratorGroupId));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => As(helpDesk, sp => sp.GetRequiredService<CreateUser>()
            .HandleAsync(new NewUser("Alt", $"alt-{Guid.NewGuid():N}@arc.test", null, GroupIds: [PermissionGroup.AdministratorGroupId]))));
        await As(helpDesk, sp => sp.GetRequiredService<SetUserGroup>().HandleAsync(colleague, other, true));
        Assert.True(await IsMemberAsync(colleague, other));
    }

    [Fact]
    public async Task Nobody_changes_the_email_mfa_groups_or_state_of_someone_who_holds_more()
    {
        var helpDesk = await HelpDeskUserAsync();
        var provisioner = await portal.CreateUserAsync($"provisioner-{Guid.NewGuid():N}@arc.test", "provision");
        var peer = await portal.CreateUserAsync($"peer-{Guid.NewGuid():N}@arc.test");
        var idle = await portal.CreateGroupAsync($"Idle {Guid.NewGuid():N}");

        async Task Refused(Func<IServiceProvider, Task> action)
        {
            var e = await Assert.ThrowsAsync<PermissionDeniedException>(() => As(helpDesk, action));
            Assert.Contains("only someone who holds them may change this account", e.Message, StringComparison.Ordinal);
        }
        await Refused(sp => sp.GetRequiredService<UpdateUserProfile>().HandleAsync(provisioner,
            new ProfileChange("Taken", $"taken-{Guid.NewGuid():N}@arc.test", null, PortalServer.UserPassword)));
        await Refused(sp => sp.GetRequiredService<SetUserMfa>().HandleAsync(provisioner, "off"));
        await Refused(sp => sp.GetRequiredService<DisableTotp>().HandleAsync(provisioner, PortalServer.UserPassword));
        await Refused(sp => sp.GetRequiredService<SetUserGroup>().HandleAsync(provisioner, idle, true));
        await Refused(sp => sp.GetRequiredService<SetUserEnabled>().HandleAsync(provisioner, false));
        await Refused(sp => sp.GetRequiredService<DeleteUser>().HandleAsync(provisioner));

        await using (var db = portal.CreateDb())
        {
            var account = await db.UserSet.SingleAsync(u => u.Username == provisioner);
            Assert.True(account.Enabled);
            Assert.StartsWith("provisioner-", account.Email, StringComparison.Ordinal);
        }

        // Someone who holds no more than the caller is theirs to look after.
        await As(helpDesk, sp => sp.GetRequiredService<UpdateUserProfile>().HandleAsync(peer,
            new ProfileChange("Peer", $"peer2-{Guid.NewGuid():N}@arc.test", null, PortalServer.UserPassword)));
        await As(helpDesk, sp => sp.GetRequiredService<SetUserEnabled>().HandleAsync(peer, false));
    }

    [Fact]
    public void Administration_permissions_are_marked_in_the_catalogue()
    {
        var marked = PermissionCatalogue.All.Where(p => p.IsAdministration).Select(p => p.Name).ToHashSet();
        Assert.Contains(Perm.GroupAddPermission, marked);
        Assert.Contains(Perm.UserWrite, marked);
        Assert.Contains(Perm.AuthorityCreate, marked);
        Assert.DoesNotContain(Perm.VehicleRead, marked);
        Assert.All(PermissionCatalogue.Administration, p => Assert.True(PermissionCatalogue.Exists(p), p));
    }
}
