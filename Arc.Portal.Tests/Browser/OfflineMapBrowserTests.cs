using System.Collections.Concurrent;
using Arc.Domain.Telemetry;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>
/// The base map the portal ships (Natural Earth countries, US states) drawn when no tile server is configured, as on a
/// factory network with no way out: nothing is asked of any other host, and both themes colour it.
/// </summary>
public sealed class OfflineMapBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string LightLand = "rgb(244, 241, 234)";
    private const string DarkLand = "rgb(38, 51, 60)";

    /// <summary>Every address the page asks for from now on, web sockets included.</summary>
    private static ConcurrentQueue<string> Record(IPage page)
    {
        var urls = new ConcurrentQueue<string>();
        page.Context.Request += (_, request) => urls.Enqueue(request.Url);
        page.WebSocket += (_, socket) => urls.Enqueue(socket.Url);
        return urls;
    }

    private static void AssertOnlyThisMachine(IEnumerable<string> urls)
    {
        var elsewhere = urls.Where(u => !u.StartsWith("data:", StringComparison.Ordinal) && !u.StartsWith("blob:", StringComparison.Ordinal)
                                        && new Uri(u).Host != "127.0.0.1").ToList();
        Assert.True(elsewhere.Count == 0, "requests left the machine: " + string.Join(", ", elsewhere));
    }

    // Demo vehicles 18 and 21: they record their position and no other test writes any for them.
    [Fact]
    public async Task The_fleet_map_draws_land_and_borders_from_the_portal_itself_with_their_source_named_in_either_theme()
    {
        var vin = "DEV-" + DemoData.MakeVin('T', 'N', 145);
        await Fixture.Portal.Services.GetRequiredService<ITelemetryStore>().WriteAsync(
        [
            new TelemetrySample(vin, DateTimeOffset.UtcNow.AddMinutes(-2), new Dictionary<string, double> { ["gps_latitude"] = 42.2, ["gps_longitude"] = -122.7 }),
        ]);
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        var urls = Record(page);
        await page.GotoAsync("vehicles/map");

        var map = page.GetByTestId("fleet-map");
        await Expect(map).ToHaveAttributeAsync("data-base-map", "atlas");
        await Expect(map.Locator("path.arc-atlas-land")).ToHaveCountAsync(1);
        await Expect(map.Locator("path.arc-atlas-border")).ToHaveCountAsync(1);
        await Expect(map.Locator("path.arc-atlas-state")).ToHaveCountAsync(1);
        await Expect(map.Locator(".leaflet-control-attribution")).ToContainTextAsync("Natural Earth");
        await Expect(map.Locator(".arc-map-note")).ToHaveCountAsync(0);
        await Expect(map.Locator("path.arc-atlas-land")).ToHaveCSSAsync("fill", LightLand);
        // The vehicle's marker sits above the base map, where it can still be clicked.
        await map.Locator($".arc-marker[title='{vin}']").ClickAsync();
        await Expect(map.GetByTestId("map-card")).ToContainTextAsync(vin);
        await PortalAndBrowser.ScreenshotAsync(page, "offline-fleet-map-light");

        await page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(map.Locator("path.arc-atlas-land")).ToHaveCSSAsync("fill", DarkLand);
        await Expect(map).ToHaveCSSAsync("background-color", "rgb(24, 35, 42)");
        await PortalAndBrowser.ScreenshotAsync(page, "offline-fleet-map-dark");
        // Out to the whole world: coasts and country borders drawn from the same files.
        await map.Locator(".leaflet-popup-close-button").ClickAsync();
        for (var i = 0; i < 8; i++)
            await map.Locator(".leaflet-control-zoom-out").ClickAsync();
        // Leaflet marks the map while a zoom animates; the picture is taken once it has settled.
        await Expect(page.Locator(".leaflet-zoom-anim")).ToHaveCountAsync(0);
        await PortalAndBrowser.ScreenshotAsync(page, "offline-fleet-map-world-dark");

        Assert.Contains(urls, u => u.EndsWith("/lib/atlas/countries-50m.json", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.EndsWith("/lib/atlas/states-10m.json", StringComparison.Ordinal));
        AssertOnlyThisMachine(urls);
    }

    [Fact]
    public async Task A_track_across_a_state_line_is_drawn_over_the_offline_base_map_without_leaving_the_machine()
    {
        // From Ashland, Oregon south over the California line.
        var vin = "DEV-" + DemoData.MakeVin('T', 'M', 166);
        var now = DateTimeOffset.UtcNow;
        await Fixture.Portal.Services.GetRequiredService<ITelemetryStore>().WriteAsync(Enumerable.Range(1, 60).Select(i =>
            new TelemetrySample(vin, now.AddMinutes(-i), new Dictionary<string, double>
            {
                ["gps_latitude"] = 41.8 + i * 0.008, ["gps_longitude"] = -122.6 + Math.Sin(i / 9.0) * 0.05,
            })).ToList());
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        var urls = Record(page);
        await page.GotoAsync($"vehicles/{vin}?tab=telemetry");
        await page.GetByTestId("range-24h").ClickAsync();
        await page.GetByTestId("show-track").ClickAsync();

        var map = page.GetByTestId("track-map");
        await Expect(map).ToHaveAttributeAsync("data-base-map", "atlas");
        await Expect(map.Locator("path.arc-atlas-state")).ToHaveCountAsync(1);
        await Expect(map.Locator("path.arc-track-line")).ToHaveCountAsync(1);
        await Expect(map.Locator(".leaflet-control-attribution")).ToContainTextAsync("Natural Earth");
        await page.GetByTestId("track").ScrollIntoViewIfNeededAsync();
        await page.GetByTestId("track").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "offline-track-map-light.png") });

        await page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(map.Locator("path.arc-atlas-land")).ToHaveCSSAsync("fill", DarkLand);
        await page.GetByTestId("track").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "offline-track-map-dark.png") });
        AssertOnlyThisMachine(urls);
    }

    [Fact]
    public async Task With_a_tile_server_configured_the_map_draws_its_tiles_and_not_the_offline_base_map()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("vehicles/map");
        await Expect(page.GetByTestId("map-legend")).ToBeVisibleAsync();

        // A tile server on the portal's own origin (its logo as every tile), so the page's policy lets it through.
        await page.EvaluateAsync("""
            () => {
                const element = document.createElement('div');
                element.id = 'tiled-map';
                element.style.height = '300px';
                document.body.appendChild(element);
                arcMap.fleet('tiled-map', [{ vin: 'TILED', lat: 44.05, lng: -123.09, state: 'recent', href: 'vehicles/TILED' }],
                    'img/arc-mark.svg?z={z}&x={x}&y={y}', 'Tiles of the test');
            }
            """);
        var map = page.Locator("#tiled-map");
        await Expect(map).ToHaveAttributeAsync("data-base-map", "tiles");
        await Expect(map.Locator("img.leaflet-tile-loaded").First).ToBeVisibleAsync();
        await Expect(map.Locator(".leaflet-control-attribution")).ToContainTextAsync("Tiles of the test");
        await Expect(map.Locator(".leaflet-control-attribution")).Not.ToContainTextAsync("Natural Earth");
        await Expect(map.Locator("path.arc-atlas-land")).ToHaveCountAsync(0);
        await Expect(map.Locator(".arc-marker[title='TILED']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task When_the_base_map_cannot_be_loaded_the_map_says_so_and_draws_a_plain_grid()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.RouteAsync("**/lib/atlas/**", route => route.AbortAsync());
        await page.GotoAsync("vehicles/map");

        var map = page.GetByTestId("fleet-map");
        await Expect(map).ToHaveAttributeAsync("data-base-map", "grid");
        await Expect(map.Locator(".arc-map-note")).ToContainTextAsync("The base map could not be loaded");
        await Expect(map.Locator("path.arc-atlas-land")).ToHaveCountAsync(0);
    }
}
