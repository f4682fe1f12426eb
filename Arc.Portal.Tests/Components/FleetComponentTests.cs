using Arc.Domain.Fleets;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;
using Arc.Portal.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Arc.Portal.Tests.Components;

public sealed class FleetComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private async Task<(int Id, List<string> Vins)> FleetWithVehiclesAsync(int count, string what = "Component")
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        var id = await scope.ServiceProvider.GetRequiredService<CreateFleet>().HandleAsync(FleetTestData.NewFleetName(what));
        var vins = await FleetTestData.AddVehiclesAsync(portal, count);
        if (count > 0)
            await scope.ServiceProvider.GetRequiredService<AddVehiclesToFleet>().HandleAsync(id, string.Join("\n", vins));
        return (id, vins);
    }

    [Fact]
    public async Task A_reader_sees_the_fleets_vehicles_but_no_control_that_changes_it()
    {
        var (id, vins) = await FleetWithVehiclesAsync(1);
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.FleetRead);
        var cut = ctx.RenderWithProviders<FleetPage>(p => p.Add(c => c.FleetId, id));
        cut.WaitForAssertion(() => Assert.Contains(vins[0], cut.Find("[data-testid=fleet-vehicles]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Empty(cut.FindAll("[data-testid=delete-fleet]"));
        Assert.Empty(cut.FindAll("#rename-fleet"));
        Assert.Empty(cut.FindAll("#fleet-add-vin"));
        Assert.Empty(cut.FindAll("[data-testid=fleet-remove-vehicle]"));
        Assert.Empty(cut.FindAll("[data-testid=fleet-bulk]"));
        Assert.Empty(cut.FindAll("#fleet-add-user"));
    }

    [Fact]
    public async Task The_makers_fleet_offers_no_delete_and_no_vehicle_removal()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.FleetRead, Perm.FleetWrite, Perm.FleetDelete);
        var cut = ctx.RenderWithProviders<FleetPage>(p => p.Add(c => c.FleetId, Fleet.MakerFleetId));
        cut.WaitForAssertion(() => cut.Find("[data-testid=maker-fleet]"), Wait);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=fleet-vehicles] tbody tr a")), Wait);
        Assert.Empty(cut.FindAll("[data-testid=delete-fleet]"));
        Assert.Empty(cut.FindAll("[data-testid=fleet-remove-vehicle]"));
        Assert.Empty(cut.FindAll("[data-testid=fleet-bulk-change]"));
    }

    [Fact]
    public async Task A_pasted_list_is_checked_first_shows_every_problem_and_adds_only_once_clean_and_confirmed()
    {
        var (id, _) = await FleetWithVehiclesAsync(0, "Paste");
        var vins = await FleetTestData.AddVehiclesAsync(portal, 2);
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.FleetRead, Perm.FleetWrite);
        ctx.Render<MudSnackbarProvider>();
        var cut = ctx.RenderWithProviders<FleetPage>(p => p.Add(c => c.FleetId, id));
        cut.WaitForAssertion(() => cut.Find("#fleet-bulk-vins"), Wait);

        cut.Find("#fleet-bulk-vins").Input($"{vins[0]}\nNOTAVIN\n{vins[0]}");
        cut.Find("[data-testid=fleet-bulk-check]").Click();
        cut.WaitForAssertion(() => Assert.Contains("2 problems found", cut.Find("[data-testid=fleet-bulk-problems]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains("Line 2: 'NOTAVIN'", cut.Find("[data-testid=fleet-bulk-problems]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=fleet-bulk-apply]"));

        cut.Find("#fleet-bulk-vins").Input(string.Join(", ", vins));
        // A plan belongs to the text it checked: editing the text puts it away.
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=fleet-bulk-plan]")), Wait);
        cut.Find("[data-testid=fleet-bulk-check]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Add 2 vehicles", cut.Find("[data-testid=fleet-bulk-apply]").TextContent.Trim()), Wait);
        await using (var before = portal.CreateDb())
            Assert.False(await before.FleetVehicleSet.AnyAsync(v => v.FleetId == id));

        cut.Find("[data-testid=fleet-bulk-apply]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Vehicles (2)", cut.Markup, StringComparison.Ordinal), Wait);
        await using var db = portal.CreateDb();
        Assert.Equal(2, await db.FleetVehicleSet.CountAsync(v => v.FleetId == id));
    }

    [Fact]
    public async Task A_confirmation_refused_because_the_fleet_changed_keeps_the_reason_and_shows_the_list_as_it_is_now()
    {
        var (id, _) = await FleetWithVehiclesAsync(0, "Raced");
        var vins = await FleetTestData.AddVehiclesAsync(portal, 2);
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.FleetRead, Perm.FleetWrite);
        ctx.Render<MudSnackbarProvider>();
        var cut = ctx.RenderWithProviders<FleetPage>(p => p.Add(c => c.FleetId, id));
        cut.WaitForAssertion(() => cut.Find("#fleet-bulk-vins"), Wait);
        await cut.InvokeAsync(() => cut.Find("#fleet-bulk-vins").Input(string.Join("\n", vins)));
        await cut.InvokeAsync(() => cut.Find("[data-testid=fleet-bulk-check]").Click());
        cut.WaitForAssertion(() => Assert.Equal("Add 2 vehicles", cut.Find("[data-testid=fleet-bulk-apply]").TextContent.Trim()), Wait);

        // Someone else adds both vehicles between the check and the confirmation.
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            await scope.ServiceProvider.GetRequiredService<AddVehiclesToFleet>().HandleAsync(id, string.Join("\n", vins));
        await cut.InvokeAsync(() => cut.Find("[data-testid=fleet-bulk-apply]").Click());

        cut.WaitForAssertion(() => Assert.Contains("Every listed vehicle is already in fleet", cut.Markup, StringComparison.Ordinal), Wait);
        cut.WaitForAssertion(() => Assert.Contains("Vehicles (2)", cut.Markup, StringComparison.Ordinal), Wait);
        Assert.Empty(cut.FindAll("[data-testid=fleet-bulk-apply]"));
        Assert.DoesNotContain("added to the fleet", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_is_added_by_email_and_an_unknown_address_is_shown_on_the_field()
    {
        var (id, _) = await FleetWithVehiclesAsync(0, "Users");
        var email = $"member-{Guid.NewGuid():N}@arc.test";
        await portal.CreateUserAsync(email);
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.FleetRead, Perm.FleetManageUsers);
        ctx.Render<MudSnackbarProvider>();
        var cut = ctx.RenderWithProviders<FleetPage>(p => p.Add(c => c.FleetId, id));
        cut.WaitForAssertion(() => cut.Find("#fleet-add-user"), Wait);

        await cut.InvokeAsync(() => cut.Find("#fleet-add-user").Input("nobody-here@arc.test"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=fleet-add-user-button]").Click());
        cut.WaitForAssertion(() => Assert.Contains("No user has the email address or username", cut.Markup, StringComparison.Ordinal), Wait);

        await cut.InvokeAsync(() => cut.Find("#fleet-add-user").Input(email));
        await cut.InvokeAsync(() => cut.Find("[data-testid=fleet-add-user-button]").Click());
        cut.WaitForAssertion(() => Assert.Contains(email.Split('@')[0], cut.Find("[data-testid=fleet-users]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Single(cut.FindAll("[data-testid=fleet-remove-user]"));
    }

    [Fact]
    public async Task The_list_shows_counts_and_offers_delete_except_for_the_makers_fleet()
    {
        var (id, _) = await FleetWithVehiclesAsync(2, "Listed");
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.FleetRead, Perm.FleetDelete);
        var navigation = ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("fleets");
        var cut = ctx.RenderWithProviders<FleetList>();
        cut.WaitForAssertion(() => Assert.Contains("maker's fleet", cut.FindAll("[data-testid=fleet-table] tbody tr")[0].TextContent, StringComparison.Ordinal), Wait);
        var first = cut.FindAll("[data-testid=fleet-table] tbody tr")[0];
        Assert.Empty(first.QuerySelectorAll("[data-testid=delete-fleet]"));

        string name;
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            name = (await scope.ServiceProvider.GetRequiredService<GetFleet>().HandleAsync(id)).Name;
        // The filter lives in the address, as a shared link or Back would bring it.
        navigation.NavigateTo($"fleets?q={Uri.EscapeDataString(name)}");
        cut.WaitForAssertion(() => Assert.NotNull(Assert.Single(cut.FindAll("[data-testid=fleet-table] tbody tr")).QuerySelector("[data-testid=delete-fleet]")), Wait);
        var row = cut.Find("[data-testid=fleet-table] tbody tr");
        Assert.Equal(["2", "0"], row.QuerySelectorAll("td").Skip(2).Take(2).Select(td => td.TextContent.Trim()));
        Assert.NotNull(row.QuerySelector("[data-testid=delete-fleet]"));
    }

    [Fact]
    public async Task The_vehicle_tab_offers_removal_from_every_fleet_but_the_makers()
    {
        var (id, vins) = await FleetWithVehiclesAsync(1, "Tab");
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.FleetRead, Perm.FleetWrite);
        IReadOnlyList<VehicleFleetLink> fleets = [new(Fleet.MakerFleetId, "Maker"), new(id, "Tab fleet")];
        var cut = ctx.RenderWithProviders<VehicleFleetsTab>(p => p.Add(c => c.Vin, vins[0]).Add(c => c.Fleets, fleets));
        Assert.Single(cut.FindAll("[data-testid=vehicle-fleet-remove]"));
        Assert.NotNull(cut.Find("[aria-label='Remove from Tab fleet']"));
        Assert.NotNull(cut.Find("[data-testid=fleet-picker]"));
    }

    [Fact]
    public async Task The_vehicle_tab_shows_a_reader_the_fleets_only()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);
        IReadOnlyList<VehicleFleetLink> fleets = [new(Fleet.MakerFleetId, "Maker")];
        var cut = ctx.RenderWithProviders<VehicleFleetsTab>(p => p.Add(c => c.Vin, DemoVins.First).Add(c => c.Fleets, fleets));
        Assert.Contains("1 - Maker", cut.Find("[data-testid=vehicle-fleets]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=fleet-picker]"));
        Assert.Empty(cut.FindAll("a[href='fleets/1']"));
    }

    [Fact]
    public async Task The_user_page_section_lists_a_users_fleets_with_removal_for_a_fleet_user_manager()
    {
        var (id, _) = await FleetWithVehiclesAsync(1, "Member");
        var member = await portal.CreateUserAsync($"section-{Guid.NewGuid():N}@arc.test");
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            await scope.ServiceProvider.GetRequiredService<AddUserToFleet>().HandleAsync(id, member);
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.FleetRead, Perm.FleetManageUsers);
        var cut = ctx.RenderWithProviders<UserFleetsSection>(p => p.Add(c => c.Username, member));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=user-fleets] tbody tr")), Wait);
        Assert.NotNull(cut.Find($"a[href='fleets/{id}']"));
        Assert.Single(cut.FindAll("[data-testid=user-fleet-remove]"));
        Assert.NotNull(cut.Find("[data-testid=user-fleet-add]"));
    }
}
