using Arc.Domain.Fleets;
using Arc.Domain.Locations;
using Arc.Domain.Permissions;
using Arc.Portal.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Arc.Portal.Tests.Components;

/// <summary>The fleet settings panel: what a reader sees, what a writer changes, and what a vanished choice is told.</summary>
public sealed class FleetSettingsPanelTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private async Task<(int FleetId, int LocationId, string LocationName)> FleetAtALocationAsync()
    {
        await using var db = portal.CreateDb();
        var location = new Location { Name = "Panel lot " + Guid.NewGuid().ToString("N")[..6], CreatedBy = "test" };
        db.Set<Location>().Add(location);
        await db.SaveChangesAsync();
        var fleet = new Fleet { Name = "Panel " + Guid.NewGuid().ToString("N")[..6], TypeId = 2, LocationId = location.Id };
        db.FleetSet.Add(fleet);
        await db.SaveChangesAsync();
        return (fleet.Id, location.Id, location.Name);
    }

    private static IRenderedComponent<MudSelect<int?>> Select(IRenderedComponent<FleetSettingsPanel> cut, string testId) =>
        cut.FindComponents<MudSelect<int?>>().Single(s => Equals(s.Instance.UserAttributes.GetValueOrDefault("data-testid"), testId));

    /// <summary>Picks a value as the select's list would; opening MudBlazor's popover is the browser tests' part.</summary>
    private static Task ChooseAsync(IRenderedComponent<FleetSettingsPanel> cut, string testId, int? value) =>
        cut.InvokeAsync(() => Select(cut, testId).Instance.ValueChanged.InvokeAsync(value));

    /// <summary>What the closed select shows.</summary>
    private static string? Shown(IRenderedComponent<FleetSettingsPanel> cut, string testId) => Select(cut, testId).Find("input").GetAttribute("value");

    private async Task<Fleet> FleetRowAsync(int id)
    {
        await using var db = portal.CreateDb();
        return await db.FleetSet.AsNoTracking().SingleAsync(f => f.Id == id);
    }

    [Fact]
    public async Task A_reader_sees_the_fleets_settings_and_cannot_change_them()
    {
        var (fleetId, locationId, locationName) = await FleetAtALocationAsync();
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.FleetRead);

        var cut = ctx.RenderWithProviders<FleetSettingsPanel>(p => p.Add(x => x.FleetId, fleetId));

        cut.WaitForAssertion(() => Assert.Equal(locationName, Shown(cut, "fleet-location")), Wait);
        Assert.Equal("Pilot", Shown(cut, "fleet-type"));
        Assert.True(string.IsNullOrEmpty(Shown(cut, "fleet-department-code")));
        Assert.All(cut.FindComponents<MudSelect<int?>>(), s => Assert.True(s.Instance.Disabled));
        Assert.Equal($"Open {locationName}", cut.Find("[data-testid=fleet-location-link]").TextContent.Trim());
        Assert.Equal($"locations/{locationId}", cut.Find("[data-testid=fleet-location-link]").GetAttribute("href"));
    }

    [Fact]
    public async Task A_writer_sets_the_type_and_department_code_and_clears_the_location()
    {
        var (fleetId, _, _) = await FleetAtALocationAsync();
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.FleetRead, Perm.FleetWrite);
        var cut = ctx.RenderWithProviders<FleetSettingsPanel>(p => p.Add(x => x.FleetId, fleetId));
        cut.WaitForAssertion(() => Assert.False(Select(cut, "fleet-type").Instance.Disabled), Wait);
        int rentalOps;
        await using (var db = portal.CreateDb())
            rentalOps = await db.Set<DepartmentCode>().Where(c => c.Code == "670").Select(c => c.Id).SingleAsync();

        await ChooseAsync(cut, "fleet-type", 3);
        await ChooseAsync(cut, "fleet-department-code", rentalOps);
        await ChooseAsync(cut, "fleet-location", null);

        var row = await FleetRowAsync(fleetId);
        Assert.Equal((3, rentalOps, (int?)null), (row.TypeId, row.DepartmentCodeId, row.LocationId));
        cut.WaitForAssertion(() => Assert.Equal("670 · Rental Operations", Shown(cut, "fleet-department-code")), Wait);
        Assert.Equal("Rental", Shown(cut, "fleet-type"));
        Assert.Empty(cut.FindAll("[data-testid=fleet-location-link]"));
    }

    [Fact]
    public async Task A_location_deleted_since_the_panel_opened_is_refused_on_its_field_and_the_fleet_keeps_its_own()
    {
        var (fleetId, locationId, _) = await FleetAtALocationAsync();
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.FleetRead, Perm.FleetWrite);
        var cut = ctx.RenderWithProviders<FleetSettingsPanel>(p => p.Add(x => x.FleetId, fleetId));
        cut.WaitForAssertion(() => Assert.False(Select(cut, "fleet-location").Instance.Disabled), Wait);

        await ChooseAsync(cut, "fleet-location", 999_999);

        cut.WaitForAssertion(() => Assert.Contains("no longer exists", cut.Find("[data-testid=fleet-settings]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal(locationId, (await FleetRowAsync(fleetId)).LocationId);
    }
}
