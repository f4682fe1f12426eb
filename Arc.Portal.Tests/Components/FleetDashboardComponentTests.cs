using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Arc.Domain.Permissions;
using Arc.Portal.Components.Layout;
using Arc.Portal.Security;
using Arc.Portal.Tests.Support;
using Bunit;
using Microsoft.Extensions.Options;
using static Arc.Portal.Tests.Support.DashboardTestData;

namespace Arc.Portal.Tests.Components;

/// <summary>"My fleets", the fleet dashboard's parts and the refusal a non-member sees.</summary>
public sealed class FleetDashboardComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>A component context acting as <paramref name="username"/> with the given permissions.</summary>
    private async Task<BunitContext> AsAsync(string username, params string[] permissions)
    {
        var ctx = await ComponentHost.CreateAsync(portal, permissions);
        ctx.Services.AddSingleton<ICurrentUser>(new FixedUser(username, permissions.ToHashSet()));
        ctx.Services.AddSingleton(Options.Create(new MapOptions()));
        return ctx;
    }

    [Fact]
    public async Task A_member_sees_the_counts_with_their_definitions_the_charge_bars_the_table_and_the_map()
    {
        var fleet = await FleetAsync(portal, 3, recordGps: 3);
        var now = DateTimeOffset.UtcNow;
        await ReportAsync(portal, fleet.Vins[0], new(now.AddSeconds(-20), Speed: 35, Soc: 70, OdometerKm: 1609.344, Latitude: 44.05, Longitude: -123.09));
        await ReportAsync(portal, fleet.Vins[1], new(now.AddSeconds(-20), Speed: 0, PackCurrent: 30, Soc: 10, Latitude: 44.06, Longitude: -123.1));
        var member = await MemberAsync(portal, [fleet.Id]);
        await using var ctx = await AsAsync(member);

        var cut = ctx.RenderWithProviders<FleetDashboardPage>(p => p.Add(c => c.FleetId, fleet.Id));

        cut.WaitForAssertion(() => Assert.Equal("3", cut.Find("[data-testid=count-vehicles]").TextContent), Wait);
        Assert.Equal("2", cut.Find("[data-testid=count-reporting]").TextContent);
        Assert.Equal("1", cut.Find("[data-testid=count-moving]").TextContent);
        Assert.Equal("1", cut.Find("[data-testid=count-charging]").TextContent);
        Assert.Equal("0", cut.Find("[data-testid=count-parked]").TextContent);
        Assert.Equal("1", cut.Find("[data-testid=count-silent]").TextContent);
        Assert.Equal("1,000 mi", cut.Find("[data-testid=count-mileage]").TextContent);
        Assert.Contains(FleetActivityRules.Definition(VehicleActivity.Moving), cut.Find("#caption-moving").TextContent, StringComparison.Ordinal);
        Assert.Equal(["1", "0", "0", "1", "0", "1"], cut.FindAll("[data-testid=soc-count]").Select(c => c.TextContent));
        Assert.Equal(3, cut.FindAll("[data-testid=dashboard-vin]").Count);
        Assert.NotNull(cut.Find("[data-testid=dashboard-alarms-hidden]"));
        Assert.Equal("2", cut.Find("#dashboard-map").GetAttribute("data-vehicles"));
        // A member without fleets.group.read is led back to their own fleets, not to the fleet list they cannot open.
        Assert.Contains("my-fleets", cut.Find(".mud-breadcrumbs").InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_fleet_says_it_has_no_vehicles_instead_of_a_row_of_zeros()
    {
        var fleet = await FleetAsync(portal, 0);
        var member = await MemberAsync(portal, [fleet.Id]);
        await using var ctx = await AsAsync(member);

        var cut = ctx.RenderWithProviders<FleetDashboardPage>(p => p.Add(c => c.FleetId, fleet.Id));

        cut.WaitForAssertion(() => cut.Find("[data-testid=dashboard-empty]"), Wait);
        Assert.Empty(cut.FindAll("[data-testid=dashboard-counts]"));
    }

    [Fact]
    public async Task Someone_outside_the_fleet_gets_the_access_denied_panel_and_no_figure()
    {
        var fleet = await FleetAsync(portal, 1);
        var other = await FleetAsync(portal, 1, what: "Other");
        var outsider = await MemberAsync(portal, [other.Id]);
        await using var ctx = await AsAsync(outsider);

        var cut = ctx.RenderWithProviders<FleetDashboardPage>(p => p.Add(c => c.FleetId, fleet.Id));

        cut.WaitForAssertion(() => cut.Find("[data-testid=access-denied]"), Wait);
        Assert.Empty(cut.FindAll("[data-testid=dashboard-counts]"));
        Assert.DoesNotContain(fleet.Name, cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_text_filter_narrows_the_table_and_the_export_holds_exactly_the_rows_shown()
    {
        var fleet = await FleetAsync(portal, 3);
        var member = await MemberAsync(portal, [fleet.Id]);
        await using var ctx = await AsAsync(member);
        var cut = ctx.RenderWithProviders<FleetDashboardPage>(p => p.Add(c => c.FleetId, fleet.Id));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=dashboard-vin]").Count), Wait);

        cut.Find("#dashboard-filter-text").Input(fleet.Vins[1][^6..].ToLowerInvariant());
        cut.WaitForAssertion(() => Assert.Equal([fleet.Vins[1]], cut.FindAll("[data-testid=dashboard-vin]").Select(a => a.TextContent)), Wait);
        Assert.Contains("1 of 3 vehicles", cut.Find("[data-testid=dashboard-shown]").TextContent, StringComparison.Ordinal);
        cut.Find("[data-testid=export-csv]").Click();

        cut.WaitForAssertion(() => Assert.Single(ctx.JSInterop.Invocations, i => i.Identifier == "arcPortal.download"), Wait);
        var download = ctx.JSInterop.Invocations.Single(i => i.Identifier == "arcPortal.download");
        Assert.StartsWith($"fleet-{fleet.Id}-vehicles-", (string)download.Arguments[0]!, StringComparison.Ordinal);
        var lines = ((string)download.Arguments[1]!).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("VIN,Model,State,Last report (UTC),Charge (%),Odometer (mi),Active alarms", lines[0]);
        Assert.StartsWith(fleet.Vins[1] + ",", Assert.Single(lines.Skip(1)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task My_fleets_lists_the_users_fleets_with_a_link_to_each_dashboard_and_the_navigation_offers_it()
    {
        var fleet = await FleetAsync(portal, 2);
        var member = await MemberAsync(portal, [fleet.Id]);
        await using var ctx = await AsAsync(member);

        var cut = ctx.RenderWithProviders<MyFleetsPage>();

        cut.WaitForAssertion(() => Assert.Contains(fleet.Name, cut.Find("[data-testid=my-fleet]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains("2 vehicles", cut.Find("[data-testid=my-fleet]").TextContent, StringComparison.Ordinal);
        Assert.Equal($"fleets/{fleet.Id}/dashboard", cut.Find("[data-testid=open-dashboard]").GetAttribute("href"));
        var nav = ctx.Render<NavMenu>();
        nav.WaitForAssertion(() => Assert.Single(nav.FindAll("a[href=my-fleets]")), Wait);
    }

    [Fact]
    public async Task Someone_in_no_fleet_is_told_so_and_the_navigation_has_no_my_fleets_entry()
    {
        var loner = await portal.CreateUserAsync($"loner-{Guid.NewGuid():N}@arc.test");
        await using var ctx = await AsAsync(loner, Perm.VehicleRead);

        var cut = ctx.RenderWithProviders<MyFleetsPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=my-fleets-none]"), Wait);
        var nav = ctx.Render<NavMenu>();
        nav.WaitForAssertion(() => Assert.Single(nav.FindAll("a[href=vehicles]")), Wait);
        Assert.Empty(nav.FindAll("a[href=my-fleets]"));
    }
}
