using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

public sealed class PermissionGroupTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private async Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        return await action(scope.ServiceProvider);
    }

    private Task AsAdminAsync(Func<IServiceProvider, Task> action) => AsAdminAsync(async sp => { await action(sp); return 0; });

    private Task<int> CreateAsync(string name) => AsAdminAsync(sp => sp.GetRequiredService<CreatePermissionGroup>().HandleAsync(name));

    [Fact]
    public async Task A_group_is_created_renamed_given_permissions_and_members_and_deleted()
    {
        var name = $"Night Shift {Guid.NewGuid():N}"[..24];
        var id = await CreateAsync(name);
        var created = await AsAdminAsync(sp => sp.GetRequiredService<GetPermissionGroup>().HandleAsync(id));
        Assert.Equal(name.ToLowerInvariant().Replace(' ', '_'), created.MachineName);

        await AsAdminAsync(sp => sp.GetRequiredService<RenamePermissionGroup>().HandleAsync(id, name + " B"));
        await AsAdminAsync(sp => sp.GetRequiredService<SetGroupPermission>().HandleAsync(id, Perm.VehicleRead, granted: true));
        await AsAdminAsync(sp => sp.GetRequiredService<SetGroupPermission>().HandleAsync(id, Perm.VehicleRead, granted: true)); // twice: still one
        var member = await portal.CreateUserAsync($"night-{Guid.NewGuid():N}@arc.test");
        await AsAdminAsync(sp => sp.GetRequiredService<Arc.Domain.Users.SetUserGroup>().HandleAsync(member, id, member: true));

        var detail = await AsAdminAsync(sp => sp.GetRequiredService<GetPermissionGroup>().HandleAsync(id));
        Assert.Equal(name + " B", detail.Name);
        Assert.Equal([Perm.VehicleRead], detail.Permissions.Select(p => p.Name));
        Assert.Equal(member, Assert.Single(detail.Members).Username);

        await AsAdminAsync(sp => sp.GetRequiredService<SetGroupPermission>().HandleAsync(id, Perm.VehicleRead, granted: false));
        await AsAdminAsync(sp => sp.GetRequiredService<DeletePermissionGroup>().HandleAsync(id));
        await using var db = portal.CreateDb();
        Assert.False(await db.GroupMemberSet.AnyAsync(m => m.GroupId == id));
        Assert.False(await db.GroupSet.AnyAsync(g => g.Id == id));
        var actions = await db.AuditSet.Where(a => a.EntityType == AuditEntityTypes.PermissionGroup && a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync();
        Assert.Equal([AuditActions.GroupCreated, AuditActions.GroupRenamed, AuditActions.GroupPermissionAdded, AuditActions.GroupPermissionRemoved, AuditActions.GroupDeleted],
            actions);
    }

    [Fact]
    public async Task The_administrator_group_is_protected()
    {
        var delete = await Assert.ThrowsAsync<ConflictException>(() => AsAdminAsync(sp => sp.GetRequiredService<DeletePermissionGroup>().HandleAsync(1)));
        Assert.Contains("cannot be deleted", delete.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ConflictException>(() => AsAdminAsync(sp => sp.GetRequiredService<SetGroupPermission>().HandleAsync(1, Perm.VehicleRead, granted: false)));
        var admin = await portal.AdminUsernameAsync();
        await Assert.ThrowsAsync<ConflictException>(() => AsAdminAsync(sp => sp.GetRequiredService<Arc.Domain.Users.SetUserGroup>().HandleAsync(admin, 1, member: false)));
        await using var db = portal.CreateDb();
        Assert.True(await db.GroupMemberSet.AnyAsync(m => m.GroupId == 1 && m.Username == admin));
    }

    [Theory]
    [InlineData("", "Name is required.")]
    [InlineData("   ", "Name is required.")]
    [InlineData("Provision", "exists already")]
    [InlineData("PROVISION", "exists already")]
    [InlineData("bad\u0000name", "control characters")]
    [InlineData("Ops\u202egpj.exe", "invisible formatting")]
    [InlineData("zero\u200bwidth", "invisible formatting")]
    [InlineData("!!! ???", "at least one letter or digit")]
    public async Task Bad_names_are_refused_and_nothing_is_created(string name, string message)
    {
        await using var db = portal.CreateDb();
        var before = await db.GroupSet.CountAsync();
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => CreateAsync(name));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await db.GroupSet.CountAsync());
    }

    [Fact]
    public async Task A_machine_name_holds_only_letters_digits_dashes_and_underscores()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var id = await CreateAsync($"Ops / West: Night-shift {suffix}");
        await using var db = portal.CreateDb();
        Assert.Equal($"ops__west_night-shift_{suffix}", (await db.GroupSet.SingleAsync(g => g.Id == id)).MachineName);
    }

    [Fact]
    public async Task An_oversized_name_or_an_unknown_permission_is_refused()
    {
        await Assert.ThrowsAsync<ValidationFailedException>(() => CreateAsync(new string('g', 101)));
        var id = await CreateAsync($"Perm Test {Guid.NewGuid():N}"[..20]);
        var unknown = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAdminAsync(sp => sp.GetRequiredService<SetGroupPermission>().HandleAsync(id, "vehicles.everything'; DROP TABLE x; --", granted: true)));
        Assert.Contains("There is no permission", unknown.Message, StringComparison.Ordinal);
        Assert.Empty((await AsAdminAsync(sp => sp.GetRequiredService<GetPermissionGroup>().HandleAsync(id))).Permissions);
        await Assert.ThrowsAsync<NotFoundException>(() => AsAdminAsync(sp => sp.GetRequiredService<GetPermissionGroup>().HandleAsync(987_654)));
    }

    [Theory]
    [InlineData(null, "Enter the email address of a user.")]
    [InlineData("   ", "Enter the email address of a user.")]
    [InlineData("not an email", "Enter the email address of a user.")]
    [InlineData("<oversized>", "Enter the email address of a user.")]
    [InlineData("x'; DELETE FROM users.user_group_join; --@arc.test", "Enter the email address of a user.")]
    [InlineData("nobody-here@arc.test", "There is no user with the email nobody-here@arc.test.")]
    public async Task Adding_a_member_by_email_refuses_what_names_no_user_and_changes_nothing(string? email, string message)
    {
        var id = await CreateAsync($"By Email {Guid.NewGuid():N}"[..20]);
        var value = email == "<oversized>" ? new string('a', 300) + "@arc.test" : email;
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAdminAsync(sp => sp.GetRequiredService<Arc.Domain.Users.AddUserToGroupByEmail>().HandleAsync(value, id)));
        Assert.Equal(message, error.Message);
        Assert.Empty((await AsAdminAsync(sp => sp.GetRequiredService<GetPermissionGroup>().HandleAsync(id))).Members);
    }

    [Fact]
    public async Task A_member_is_added_by_email_in_any_letter_case_and_audited()
    {
        var id = await CreateAsync($"By Email {Guid.NewGuid():N}"[..20]);
        var email = $"case-{Guid.NewGuid():N}"[..15] + "@arc.test";
        var username = await portal.CreateUserAsync(email);
        await AsAdminAsync(sp => sp.GetRequiredService<Arc.Domain.Users.AddUserToGroupByEmail>().HandleAsync("  " + email.ToUpperInvariant() + " ", id));
        Assert.Equal(username, Assert.Single((await AsAdminAsync(sp => sp.GetRequiredService<GetPermissionGroup>().HandleAsync(id))).Members).Username);
        await using var db = portal.CreateDb();
        Assert.True(await db.AuditSet.AnyAsync(a => a.Action == AuditActions.UserGroupAdded && a.EntityId == username));

        // Someone who may only read groups cannot.
        var reader = await portal.CreateUserAsync($"reader-{Guid.NewGuid():N}@arc.test", "support");
        await using var scope = await portal.AsUserAsync(reader);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => scope.ServiceProvider.GetRequiredService<Arc.Domain.Users.AddUserToGroupByEmail>().HandleAsync(email, id));
    }
}
