using System.Text.Json;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>Issue 15 item 8: staff produce a month's insurer export from the portal and download its file.</summary>
public sealed class InsurerExportBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task An_administrator_produces_a_months_export_and_downloads_it()
    {
        var portal = Fixture.Portal;
        var month = InsurerExportTestData.MonthBeforeLast();
        var (driven, never) = (FleetTestData.NewVin(), FleetTestData.NewVin());
        await InsurerExportTestData.CreateCoveredFleetAsync(portal, [driven, never]);
        await InsurerExportTestData.WriteDownsampledOdometerAsync(portal, driven, 1000, month.Start.AddDays(1));
        await InsurerExportTestData.WriteDownsampledOdometerAsync(portal, driven, 1600, month.End.AddDays(-1));

        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("fleets/insurer-exports");
        await Expect(page.GetByTestId("insurer-export-table")).ToBeVisibleAsync();
        await page.Locator("#insurer-export-month").FillAsync(month.ToString());
        await page.Locator("#insurer-export-month").PressAsync("Tab");
        await page.GetByTestId("run-insurer-export").ClickAsync();

        var row = page.GetByTestId("insurer-export-table").Locator("tbody tr", new() { HasText = month.ToString() });
        await Expect(row).ToContainTextAsync("done", new() { Timeout = 30_000 });
        await ScreenshotBothThemesAsync(page, "insurer-exports");

        var download = await page.RunAndWaitForDownloadAsync(() => row.GetByTestId("download-insurer-export").ClickAsync());
        Assert.Equal($"{month.Year:D4}_{month.Month:D2}_dev.json", download.SuggestedFilename);
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(await download.PathAsync()));
        var vehicles = json.RootElement.GetProperty("vehicles").EnumerateArray().ToDictionary(v => v.GetProperty("vin").GetString()!);
        Assert.Equal(994.194, vehicles[driven].GetProperty("telemetry").GetProperty("odometer").GetProperty("end").GetDouble());
        Assert.Equal("unknown", vehicles[never].GetProperty("telemetry").GetString());
    }
}
