using Arc.Domain.Telemetry;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>The maps: a marker's card and its way to the vehicle, the legends, and the dark theme.</summary>
public sealed class MapBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    // Demo vehicles 14 and 20 record GPS (every fourth from the fourth does not). The quiet one is a vehicle no other
    // test reports for: a recent report from elsewhere in the suite would turn its marker blue.
    private static readonly string Recent = "DEV-" + DemoData.MakeVin('D', 'L', 159);
    private static readonly string Quiet = "DEV-" + DemoData.MakeVin('R', 'N', 117);
    private const string DarkMap = "rgb(24, 35, 42)";

    [Fact]
    public async Task A_marker_opens_a_card_with_the_vin_and_its_last_report_and_a_link_to_the_vehicle_in_either_theme()
    {
        var store = Fixture.Portal.Services.GetRequiredService<ITelemetryStore>();
        await store.WriteAsync(
        [
            new TelemetrySample(Recent, DateTimeOffset.UtcNow.AddMinutes(-3), new Dictionary<string, double>
            {
                ["gps_latitude"] = 44.06, ["gps_longitude"] = -123.1, ["bms_pack_soc"] = 81.4, ["odometer"] = 1609.344,
            }),
            new TelemetrySample(Quiet, DateTimeOffset.UtcNow.AddDays(-3), new Dictionary<string, double> { ["gps_latitude"] = 44.04, ["gps_longitude"] = -123.07 }),
        ]);
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("vehicles/map");

        var legend = page.GetByTestId("map-legend");
        await Expect(legend).ToContainTextAsync("Reported in the last 24 hours");
        await Expect(legend).ToContainTextAsync("No report for 24 hours or more");
        await Expect(page.Locator($"#fleet-map .arc-marker-quiet[title='{Quiet}']")).ToBeVisibleAsync();
        // Other tests' vehicles can widen the map until neighbouring markers overlap, so the marker is opened
        // from the keyboard, as Leaflet allows, rather than by a pointer that another marker may cover.
        await page.Locator($"#fleet-map .arc-marker-recent[title='{Recent}']").PressAsync("Enter");
        var card = page.Locator("#fleet-map .leaflet-popup").GetByTestId("map-card");
        await Expect(card).ToContainTextAsync(Recent);
        await Expect(card).ToContainTextAsync("Last report " + DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(card).ToContainTextAsync("Charge 81 %");
        await Expect(card).ToContainTextAsync("Odometer 1,000 mi");
        await PortalAndBrowser.ScreenshotAsync(page, "fleet-map-card-light");

        // The theme switches under the open map and its card: no redraw, no light block in a dark page.
        await page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(page.Locator("html")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("arc-dark"));
        await Expect(page.GetByTestId("fleet-map")).ToHaveCSSAsync("background-color", DarkMap);
        await Expect(page.Locator("#fleet-map .leaflet-popup-content-wrapper")).ToHaveCSSAsync("background-color", "rgb(36, 49, 58)");
        await Expect(page.Locator("#fleet-map .leaflet-control-zoom-in")).ToHaveCSSAsync("background-color", "rgb(36, 49, 58)");
        await PortalAndBrowser.ScreenshotAsync(page, "fleet-map-card-dark");

        await card.GetByRole(AriaRole.Link, new() { Name = "Open the vehicle" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/vehicles/{Recent}$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(Recent);
    }

    [Fact]
    public async Task A_card_shows_hostile_text_as_text()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("vehicles/map");
        await Expect(page.GetByTestId("map-legend")).ToBeVisibleAsync();

        // What a VIN or a reported value would do if the script trusted it: the card must show it, not run it.
        await page.EvaluateAsync("""
            () => {
                const element = document.createElement('div');
                element.id = 'hostile-map';
                element.style.height = '300px';
                document.body.appendChild(element);
                arcMap.fleet('hostile-map', [{ vin: '<img src=x onerror="window.injected=1">', lat: 44.05, lng: -123.09, state: 'recent',
                    reported: '<b>bold</b>', charge: '<script>window.injected=2</script>', odometer: null, href: 'javascript:window.injected=3' }], '', '');
            }
            """);
        await page.Locator("#hostile-map .arc-marker").ClickAsync();
        var card = page.Locator("#hostile-map").GetByTestId("map-card");
        await Expect(card).ToContainTextAsync("<img src=x onerror=\"window.injected=1\">");
        await Expect(card).ToContainTextAsync("<b>bold</b>");
        await Expect(card.Locator("img, b, script")).ToHaveCountAsync(0);
        await Expect(card.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", "vehicles");
        await card.GetByRole(AriaRole.Link).HoverAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.injected === undefined"));
    }

    [Fact]
    public async Task The_track_map_marks_start_and_end_explains_them_and_follows_the_theme()
    {
        var vin = "DEV-" + DemoData.MakeVin('T', 'L', 47);
        var now = DateTimeOffset.UtcNow;
        await Fixture.Portal.Services.GetRequiredService<ITelemetryStore>().WriteAsync(Enumerable.Range(1, 90).Select(i =>
            new TelemetrySample(vin, now.AddMinutes(-i), new Dictionary<string, double>
            {
                ["gps_latitude"] = 44.05 + i * 0.0004, ["gps_longitude"] = -123.09 + Math.Sin(i / 12.0) * 0.01,
            })).ToList());
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync($"vehicles/{vin}?tab=telemetry");
        await page.GetByTestId("range-24h").ClickAsync();
        await page.GetByTestId("show-track").ClickAsync();

        await Expect(page.Locator("path.arc-track-start")).ToHaveCountAsync(1);
        await Expect(page.Locator("path.arc-track-end")).ToHaveCountAsync(1);
        var legend = page.GetByTestId("map-legend");
        await Expect(legend).ToContainTextAsync("Start: the first position in the range");
        await Expect(legend).ToContainTextAsync("End: the last position in the range");
        await Expect(page.GetByTestId("track-map")).ToHaveAttributeAsync("data-base-map", "atlas");
        await page.GetByTestId("track").ScrollIntoViewIfNeededAsync();
        await page.GetByTestId("track").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "track-map-light.png") });

        await page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(page.GetByTestId("track-map")).ToHaveCSSAsync("background-color", DarkMap);
        await Expect(page.Locator("path.arc-track-start")).ToHaveCSSAsync("fill", "rgb(102, 187, 106)");
        await page.GetByTestId("track").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "track-map-dark.png") });
    }
}
