using System.Text.RegularExpressions;
using Arc.Domain.Telemetry;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

public sealed class TelemetryBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task The_telemetry_tab_follows_the_vehicle_and_charts_and_exports_a_month()
    {
        var vin = "DEV-" + DemoData.MakeVin('T', 'M', 26);
        var store = Fixture.Portal.Services.GetRequiredService<ITelemetryStore>();
        var now = DateTimeOffset.UtcNow;
        var history = Enumerable.Range(1, 29 * 24 * 6).Select(i => new TelemetrySample(vin, now.AddMinutes(-10 * i),
            new Dictionary<string, double> { ["bms_pack_soc"] = 50 + (i % 40), ["odometer"] = 8000 - i * 0.1 })).ToList();
        await store.WriteAsync(history);
        await store.DownsampleAsync(now.AddDays(-30), now);

        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync($"vehicles/{vin}?tab=telemetry");
        await Expect(page.GetByTestId("card-odometer")).ToContainTextAsync("4,971 mi"); // 7999.9 km, the newest of the history
        await Expect(page.GetByTestId("telemetry-chart")).ToBeVisibleAsync();

        // A new report reaches the open page within its 10-second refresh.
        await store.WriteAsync([new TelemetrySample(vin, DateTimeOffset.UtcNow, new Dictionary<string, double> { ["bms_pack_soc"] = 12.5, ["odometer"] = 8100 })]);
        await Expect(page.GetByTestId("card-soc")).ToHaveTextAsync("12.5 %", new() { Timeout = 20_000 });

        await Expect(page.GetByTestId("range-24h")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.GetByTestId("range-30d").ClickAsync();
        await Expect(page.GetByTestId("chart-caption")).ToContainTextAsync("30-minute series");
        // The chosen preset is marked, for the eye (filled) and for assistive technology (pressed); only that one.
        await Expect(page.GetByTestId("range-30d")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.GetByTestId("range-30d")).ToHaveClassAsync(new Regex("mud-button-filled"));
        await Expect(page.GetByTestId("range-24h")).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(page.GetByTestId("range-24h")).Not.ToHaveClassAsync(new Regex("mud-button-filled"));
        var points = int.Parse(await page.GetByTestId("telemetry-chart").GetAttributeAsync("data-points") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(points, 900, TelemetryRange.MaxPoints);
        await PortalAndBrowser.ScreenshotAsync(page, "telemetry-30d");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        var lines = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.Equal("time,bms_pack_soc", lines[0]);
        Assert.Equal(points, lines.Length - 1);
        Assert.Matches(new Regex("^20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z,[0-9.]+$"), lines[1]);

        // The raw rows of the last 24 hours, exported in the background.
        await page.GetByTestId("range-24h").ClickAsync();
        await page.GetByTestId("export-raw").ClickAsync();
        await Expect(page.GetByTestId("raw-export-status").First).ToContainTextAsync("done", new() { Timeout = 20_000 });
        var raw = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("raw-export-download").First.ClickAsync());
        using (var gzip = new System.IO.Compression.GZipStream(File.OpenRead((await raw.PathAsync())!), System.IO.Compression.CompressionMode.Decompress))
        using (var reader = new StreamReader(gzip))
        {
            var rows = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("time,bms_pack_soc", rows[0]);
            Assert.InRange(rows.Length - 1, 24 * 6 - 1, 24 * 6 + 2); // every 10 minutes, plus the live report
        }

        // A reversed custom range is refused with a message.
        await page.GetByTestId("range-from").FillAsync(now.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByTestId("range-to").FillAsync(now.AddDays(-1).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByTestId("range-apply").ClickAsync();
        await Expect(page.GetByTestId("telemetry-error")).ToContainTextAsync("must be after its start");
    }

    [Fact]
    public async Task Changing_the_reported_points_pushes_the_shadow_which_the_vehicle_then_applies()
    {
        var vin = "DEV-" + DemoData.MakeVin('D', 'L', 75);
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync($"vehicles/{vin}?tab=telemetry");
        await Expect(page.GetByTestId("telemetry-config")).ToContainTextAsync("Reported points (16)");

        await page.GetByTestId("config-points").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "gearbox_temp", Exact = true }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.GetByTestId("config-save").ClickAsync();
        await Expect(page.GetByTestId("config-message")).ToContainTextAsync("shadow is updated in the background");
        await Expect(page.GetByTestId("telemetry-config")).ToContainTextAsync("Reported points (17)");
        await PortalAndBrowser.ScreenshotAsync(page, "telemetry-config");

        // The (simulated) vehicle picks the change up: pending first, then synchronized.
        await page.GotoAsync($"vehicles/{vin}?tab=sync");
        await Expect(page.GetByTestId("sync-status")).ToHaveTextAsync(new Regex("Pending|Synchronized"));
        await Expect(page.GetByTestId("sync-status")).ToHaveTextAsync("Synchronized", new() { Timeout = 20_000 });
        await Expect(page.GetByText("gearbox_temp").First).ToBeAttachedAsync();
    }

    [Fact]
    public async Task A_backfill_file_is_checked_line_by_line_then_written_and_announced_by_email()
    {
        var vin = "DEV-" + DemoData.MakeVin('C', 'P', 96);
        var now = DateTimeOffset.UtcNow;
        string Line(int minutesAgo, double soc) =>
            $"{{\"timestamp\":\"{now.AddMinutes(-minutesAgo).UtcDateTime:yyyy-MM-dd HH:mm:ss}\",\"bms_pack_soc\":{soc}}}";
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync($"vehicles/{vin}?tab=telemetry");
        // Wait until the tab has loaded and rendered again, so the file input is wired to the circuit.
        await Expect(page.GetByTestId("chart-caption")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("backfill")).ToBeVisibleAsync();

        await page.Locator("#backfill-file").ChooseFileAsync(new FilePayload
        {
            Name = "bad.ndjson", MimeType = "application/x-ndjson", Buffer = System.Text.Encoding.UTF8.GetBytes(Line(5, 40) + "\n{oops\n" + Line(3, 41)),
        });
        await Expect(page.GetByTestId("backfill-error")).ToContainTextAsync("Line 2: not valid JSON.");

        var good = string.Join("\n", Enumerable.Range(1, 120).Select(i => Line(i, 60 + i % 10)));
        await page.Locator("#backfill-file").ChooseFileAsync(new FilePayload { Name = "good.ndjson", MimeType = "application/x-ndjson", Buffer = System.Text.Encoding.UTF8.GetBytes(good) });
        await Expect(page.GetByTestId("backfill-status").First).ToHaveTextAsync("done", new() { Timeout = 20_000 });
        await PortalAndBrowser.ScreenshotAsync(page, "backfill-done");

        await page.GotoAsync("mail");
        await Expect(page.GetByTestId("mail-table")).ToContainTextAsync($"Backfill telemetry data request for {vin} complete");
    }

    [Fact]
    public async Task The_gps_track_draws_on_the_map_without_tiles_and_the_slider_moves_along_it()
    {
        var vin = "DEV-" + DemoData.MakeVin('T', 'L', 47);
        var now = DateTimeOffset.UtcNow;
        await Fixture.Portal.Services.GetRequiredService<ITelemetryStore>().WriteAsync(Enumerable.Range(1, 120).Select(i =>
            new TelemetrySample(vin, now.AddMinutes(-i), new Dictionary<string, double>
            {
                ["gps_latitude"] = 44.05 + i * 0.0005, ["gps_longitude"] = -123.09 + i * 0.0004, ["bms_pack_soc"] = 70,
            })).ToList());
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync($"vehicles/{vin}?tab=telemetry");
        await page.GetByTestId("range-24h").ClickAsync();
        await page.GetByTestId("show-track").ClickAsync();

        await Expect(page.Locator(".leaflet-overlay-pane path").First).ToBeVisibleAsync();
        var points = int.Parse(await page.GetByTestId("track-map").GetAttributeAsync("data-points") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(points, 60, 120); // 2 hours of minutes in the 87-second buckets of a day
        var last = await page.GetByTestId("track-position").InnerTextAsync();
        await page.GetByRole(AriaRole.Slider).First.FocusAsync();
        await page.Keyboard.PressAsync("Home");
        await Expect(page.GetByTestId("track-position")).Not.ToHaveTextAsync(last);
        await PortalAndBrowser.ScreenshotAsync(page, "gps-track");
    }

    [Fact]
    public async Task The_fleet_map_shows_the_vehicles_whose_position_is_known()
    {
        var store = Fixture.Portal.Services.GetRequiredService<ITelemetryStore>();
        var recorded = "DEV-" + DemoData.MakeVin('D', 'L', 159); // the 21st demo vehicle, which records GPS
        await store.WriteAsync([new TelemetrySample(recorded, DateTimeOffset.UtcNow, new Dictionary<string, double> { ["gps_latitude"] = 44.06, ["gps_longitude"] = -123.1 })]);
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("vehicles");
        await page.GetByTestId("map-link").ClickAsync();
        await Expect(page.GetByTestId("map-count")).ToContainTextAsync("with a known position");
        var shown = int.Parse(await page.GetByTestId("fleet-map").GetAttributeAsync("data-vehicles") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(shown >= 1);
        await Expect(page.Locator("#fleet-map .leaflet-interactive")).ToHaveCountAsync(shown);
        await PortalAndBrowser.ScreenshotAsync(page, "fleet-map");
    }

    [Fact]
    public async Task The_definitions_catalogue_is_browsed_by_version_and_searched()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "Telemetry Definitions" }).ClickAsync();
        await Expect(page.GetByTestId("definition-count")).ToHaveTextAsync("206 points");
        await page.FillAsync("#definition-search", "gearbox");
        await Expect(page.GetByTestId("definition-count")).ToHaveTextAsync("1 point");
        await Expect(page.GetByTestId("definition-table")).ToContainTextAsync("261 (0x105)");
        await page.FillAsync("#definition-search", "<script>alert(1)</script>");
        await Expect(page.GetByTestId("definition-count")).ToHaveTextAsync("0 points");
        await page.FillAsync("#definition-search", "");
        await page.GetByTestId("definition-version").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "405", Exact = false }).ClickAsync();
        await Expect(page.GetByTestId("definition-count")).ToHaveTextAsync("75 points");
        await PortalAndBrowser.ScreenshotAsync(page, "telemetry-definitions");
    }

    [Fact]
    public async Task A_new_definitions_version_is_uploaded_after_a_refused_file_and_shown()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("telemetry/definitions");
        await Expect(page.GetByTestId("definition-count")).ToHaveTextAsync("206 points");
        await page.FillAsync("#definition-name", "cabin-air");
        await page.FillAsync("#definition-description", "Cabin air quality sensor");

        await page.Locator("#definition-file").ChooseFileAsync(new FilePayload
        {
            Name = "metrics.json", MimeType = "application/json",
            Buffer = System.Text.Encoding.UTF8.GetBytes("""{"speed": {"address": 268, "report": "max"}, "cabin_co2": {"address": "0x708"}}"""),
        });
        await page.GetByTestId("definition-add").ClickAsync();
        await Expect(page.GetByTestId("definition-problems").Locator("li")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("definition-problems")).ToContainTextAsync("speed: report must be \"avg\" or \"nz\"");
        await Expect(page.GetByTestId("definition-problems")).ToContainTextAsync("cabin_co2: address must be a CAN id");
        await PortalAndBrowser.ScreenshotAsync(page, "telemetry-definition-refused", fullPage: false);

        await page.Locator("#definition-file").ChooseFileAsync(new FilePayload
        {
            Name = "metrics.json", MimeType = "application/json",
            Buffer = System.Text.Encoding.UTF8.GetBytes("""
                {
                  "speed": {"address": 268, "byte_list": [{"byte_num": 0, "num_bits": 16}], "type": "float", "report": "avg", "scale": 10},
                  "odometer": {"address": 268, "type": "float", "scale": 100},
                  "cabin_co2": {"address": 1800, "type": "int", "report": "avg"}
                }
                """),
        });
        await page.GetByTestId("definition-add").ClickAsync();
        await Expect(page.GetByText("Version cabin-air was added.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("definition-count")).ToHaveTextAsync("3 points");
        await Expect(page.GetByTestId("definition-table")).ToContainTextAsync("cabin_co2");
        await Expect(page.GetByTestId("definition-table")).ToContainTextAsync("1800 (0x708)");
        await Expect(page.GetByTestId("definition-error")).ToHaveCountAsync(0);
        await PortalAndBrowser.ScreenshotAsync(page, "telemetry-definition-added", fullPage: false);
    }
}
