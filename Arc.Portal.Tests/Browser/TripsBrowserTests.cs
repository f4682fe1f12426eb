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
}
