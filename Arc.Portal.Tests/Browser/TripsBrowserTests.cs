using System.Text.RegularExpressions;
using Arc.Portal.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

public sealed class TripsBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task The_trips_tab_lists_a_drive_and_draws_the_chosen_trip_on_the_map()
    {
        var drive = await TripTestData.WriteDriveAsync(Fixture.Portal);

        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync($"vehicles/{drive.Vin}?tab=trips");
        await Expect(page.GetByTestId("trips-summary")).ToContainTextAsync("1 trip · 12 km · 15 min driving · 2 stops");
        await Expect(page.GetByTestId("trip-row")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("stop-row")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("trip-row")).ToContainTextAsync("12.0 km");
        await Expect(page.GetByTestId("trip-row")).ToContainTextAsync("48 / 48 km/h");
        await Expect(page.GetByTestId("trips-range-24h")).ToHaveAttributeAsync("aria-pressed", "true");

        await page.GetByTestId("trip-show").ClickAsync();
        var map = page.GetByTestId("trip-map");
        await Expect(map).ToHaveAttributeAsync("data-trip", drive.TripStart.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("[data-testid=trip-map] path.arc-track-line")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("trip-show")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.GetByTestId("trip-gpx")).ToHaveAttributeAsync("href", new Regex($"vehicles/{drive.Vin}/trips\\.gpx\\?from=.*&trip="));
        await PortalAndBrowser.ScreenshotAsync(page, "trips-light");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("trips-csv").ClickAsync());
        var lines = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.Equal(4, lines.Length);

        await page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(page.Locator("html")).ToHaveClassAsync(new Regex("arc-dark"));
        await page.GotoAsync($"vehicles/{drive.Vin}?tab=trips");
        await page.GetByTestId("trip-show").ClickAsync();
        await Expect(page.Locator("[data-testid=trip-map] path.arc-track-line")).ToHaveCountAsync(1);
        await PortalAndBrowser.ScreenshotAsync(page, "trips-dark");
    }

    [Fact]
    public async Task A_fleets_trips_page_totals_its_vehicles_and_maps_a_chosen_vehicles_trip()
    {
        var drive = await TripTestData.WriteDriveAsync(Fixture.Portal);
        int fleetId;
        await using (var db = Fixture.Portal.CreateDb())
        {
            var fleet = new Arc.Domain.Fleets.Fleet { Name = "Trip fleet " + Guid.NewGuid().ToString("N")[..6] };
            db.Add(fleet);
            await db.SaveChangesAsync();
            db.FleetVehicleSet.Add(new Arc.Domain.Fleets.FleetVehicle { FleetId = fleet.Id, Vin = drive.Vin });
            await db.SaveChangesAsync();
            fleetId = fleet.Id;
        }

        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync($"fleets/{fleetId}");
        await page.GetByTestId("fleet-trips").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"fleets/{fleetId}/trips$"));
        await Expect(page.GetByTestId("fleet-trips-summary")).ToContainTextAsync("vehicles 1–1 of 1 · 1 trip · 12 km");
        await Expect(page.GetByTestId("fleet-trips-row")).ToContainTextAsync("15 min");
        await page.GetByTestId("fleet-trips-show").ClickAsync();
        await page.GetByTestId("trip-show").ClickAsync();
        await Expect(page.Locator("[data-testid=trip-map] path.arc-track-line")).ToHaveCountAsync(1);
        await ScreenshotBothThemesAsync(page, "fleet-trips");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("fleet-trips-csv").ClickAsync());
        var lines = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.Equal(4, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.StartsWith(drive.Vin + ",", l, StringComparison.Ordinal));
    }
}
