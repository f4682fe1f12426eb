using System.Text.RegularExpressions;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Arc.Portal.Tests.Support.DashboardTestData;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>A fleet member with no permission at all: their fleets, their fleet's dashboard and vehicles, and nothing else by URL.</summary>
public sealed class FleetDashboardBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task A_fleet_member_opens_their_dashboard_exports_it_opens_a_vehicle_and_is_refused_everything_else()
    {
        var portal = Fixture.Portal;
        var fleet = await FleetAsync(portal, 3, recordGps: 3, what: "Harbour");
        var other = await FleetAsync(portal, 1, what: "Elsewhere");
        var now = DateTimeOffset.UtcNow;
        await ReportAsync(portal, fleet.Vins[0], new(now.AddSeconds(-10), Speed: 42, PackCurrent: -60, Soc: 72, OdometerKm: 1200, Latitude: 44.05, Longitude: -123.09));
        await ReportAsync(portal, fleet.Vins[1], new(now.AddSeconds(-10), Speed: 0, PackCurrent: 35, Soc: 18, OdometerKm: 800, Latitude: 44.04, Longitude: -123.12));
        await ReportAsync(portal, fleet.Vins[2], new(now.AddDays(-3), Speed: 0, Soc: 55, OdometerKm: 300, Latitude: 44.08, Longitude: -123.05));
        var email = $"member-{Guid.NewGuid():N}"[..15] + "@arc.test";
        var username = await portal.CreateUserAsync(email);
        await using (var db = portal.CreateDb())
        {
            db.FleetUserSet.Add(new Arc.Domain.Fleets.FleetUser { FleetId = fleet.Id, Username = username });
            await db.SaveChangesAsync();
        }

        var page = await Fixture.SignInAsync(email, PortalServer.UserPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "My Fleets", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("my-fleet")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("my-fleet")).ToContainTextAsync(fleet.Name);
        await Expect(page.GetByTestId("my-fleet")).ToContainTextAsync("3 vehicles");
        await ScreenshotBothThemesAsync(page, "my-fleets", fullPage: true);

        await page.GetByTestId("open-dashboard").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/fleets/{fleet.Id}/dashboard$"));
        await Expect(page.GetByTestId("count-vehicles")).ToHaveTextAsync("3");
        await Expect(page.GetByTestId("count-moving")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("count-charging")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("count-silent")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("count-mileage")).ToHaveTextAsync("1,429 mi");
        await Expect(page.GetByTestId("dashboard-vin")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("dashboard-map")).ToHaveAttributeAsync("data-vehicles", "3");
        await Expect(page.Locator("#dashboard-map .arc-marker")).ToHaveCountAsync(3);
        await ScreenshotBothThemesAsync(page, "fleet-dashboard", fullPage: true);

        // The export holds what the filter shows: the one charging vehicle.
        await page.GetByTestId("dashboard-filter-state").ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { Name = "Charging", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("dashboard-vin")).ToHaveCountAsync(1);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        var lines = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith(fleet.Vins[1] + ",", lines[1], StringComparison.Ordinal);
        Assert.Contains(",Charging,", lines[1], StringComparison.Ordinal);

        await page.GetByTestId("dashboard-vin").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/vehicles/{Regex.Escape(fleet.Vins[1])}"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = fleet.Vins[1], Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("access-denied")).ToHaveCountAsync(0);

        // The fleet's trips, from the dashboard: every vehicle of the fleet is listed.
        await page.GoBackAsync();
        await page.GetByTestId("dashboard-trips").ClickAsync();
        await Expect(page.GetByTestId("fleet-trips-summary")).ToContainTextAsync("vehicles 1–3 of 3");

        // By URL: another fleet's dashboard, a vehicle outside their fleet, the vehicle list, the fleet map, the fleets and an admin page.
        foreach (var url in new[] { $"fleets/{other.Id}/dashboard", $"fleets/{other.Id}/trips", $"vehicles/{other.Vins[0]}", "vehicles", "vehicles/map", $"fleets/{fleet.Id}", "users" })
        {
            await page.GotoAsync(url);
            await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
            await Expect(page.Locator("body")).Not.ToContainTextAsync(other.Name);
        }
        await page.GotoAsync($"fleets/{other.Id}/dashboard");
        await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await PortalAndBrowser.ScreenshotAsync(page, "fleet-dashboard-refused", fullPage: false);
    }
}
