using Arc.Domain.Permissions;
using Arc.Portal.Components.Permissions;
using Arc.Portal.Tests.Support;
using Bunit;

namespace Arc.Portal.Tests.Components;

public sealed class PermissionGroupComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task A_reader_sees_the_group_but_no_controls_that_change_it()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.GroupRead);
        var cut = ctx.RenderWithProviders<PermissionGroupPage>(p => p.Add(c => c.GroupId, 2));
        cut.WaitForAssertion(() => Assert.Contains(Perm.VehicleProvision, cut.Find("[data-testid=group-permissions]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=delete-group]"));
        Assert.Empty(cut.FindAll("[data-testid=add-permission]"));
        Assert.Empty(cut.FindAll("#add-member"));
        Assert.Empty(cut.FindAll("#rename-group"));
    }

    [Fact]
    public async Task The_administrator_group_offers_no_delete_and_no_permission_removal()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.GroupRead, Perm.GroupDelete, Perm.GroupRemovePermission);
        var cut = ctx.RenderWithProviders<PermissionGroupPage>(p => p.Add(c => c.GroupId, 1));
        cut.WaitForAssertion(() => Assert.Contains("protected", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=delete-group]"));
        Assert.Empty(cut.FindAll("[data-testid=group-permissions] button"));
    }

    [Fact]
    public async Task A_new_group_says_it_has_no_permission_and_no_user_yet()
    {
        int id;
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            id = await scope.ServiceProvider.GetRequiredService<CreatePermissionGroup>().HandleAsync($"Empty {Guid.NewGuid():N}"[..20]);
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.GroupRead);
        var cut = ctx.RenderWithProviders<PermissionGroupPage>(p => p.Add(c => c.GroupId, id));
        cut.WaitForAssertion(() => Assert.Equal("No user is in this group yet.", cut.Find("[data-testid=no-group-members]").TextContent.Trim()));
        Assert.Equal("This group gives no permission yet.", cut.Find("[data-testid=no-group-permissions]").TextContent.Trim());
    }

    [Fact]
    public async Task A_rename_from_a_page_someone_else_has_since_changed_says_so_and_keeps_the_typed_name()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var id = await portal.CreateGroupAsync($"Page {suffix}");
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.GroupRead, Perm.GroupWrite);
        var cut = ctx.RenderWithProviders<PermissionGroupPage>(p => p.Add(c => c.GroupId, id));
        cut.WaitForAssertion(() => cut.Find("#rename-group"), TimeSpan.FromSeconds(10));

        // Another administrator renames the group after this page read it.
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            await scope.ServiceProvider.GetRequiredService<RenamePermissionGroup>().HandleAsync(id, $"Elsewhere {suffix}");
        cut.Find("#rename-group").Input($"Mine {suffix}");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal($"Permission group Elsewhere {suffix} was changed by someone else; reload to see the changes.",
            cut.Find("[data-testid=group-action-error]").TextContent.Trim()), TimeSpan.FromSeconds(10));
        Assert.Equal($"Mine {suffix}", cut.Find("#rename-group").GetAttribute("value"));
        await using var db = portal.CreateDb();
        Assert.Equal($"Elsewhere {suffix}", db.GroupSet.Single(g => g.Id == id).Name);
    }

    [Fact]
    public async Task Abilities_can_be_searched()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.AbilityRead);
        var cut = ctx.RenderWithProviders<AbilitiesPage>();
        Assert.Equal(Abilities.All.Count, cut.FindAll("[data-testid=ability-table] tbody tr").Count);
        cut.Find("input").Input("AUTHORITY_CREATE");
        Assert.Single(cut.FindAll("[data-testid=ability-table] tbody tr"));
    }
}
