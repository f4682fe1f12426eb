using Arc.Domain.Firmware;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

public sealed class FirmwareBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static async Task ChooseAsync(IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }

    [Fact]
    public async Task An_admin_creates_a_model_release_refused_as_a_duplicate_first()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("model-releases?model=6");
        await Expect(page.GetByTestId("release-table")).ToContainTextAsync("Roadster: KERS Sensor");
        await page.GetByTestId("new-release").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await page.FillAsync("#release-description", "Roadster: KERS without Discoboard");
        await ChooseAsync(page, dialog.GetByTestId("release-copy-from"), "18 · Roadster: KERS Sensor");
        await Expect(dialog.Locator("#part-kers-sensor")).ToHaveValueAsync("001412");
        await dialog.GetByTestId("create-release").ClickAsync();
        await Expect(dialog.GetByTestId("release-parts-error")).ToContainTextAsync("match an existing release of this model (release 18)");

        await dialog.Locator("#part-kers-sensor").FillAsync("001325");
        await dialog.GetByTestId("create-release").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("release-table")).ToContainTextAsync("Roadster: KERS without Discoboard");
        await Expect(page.GetByTestId("release-parts")).ToContainTextAsync("001325");
        await ScreenshotBothThemesAsync(page, "model-release-created");
    }

    [Fact]
    public async Task A_manifest_upload_puts_a_vehicle_behind_and_marking_it_current_brings_it_up_to_date()
    {
        var portal = Fixture.Portal;
        var vin = (await FleetTestData.AddVehiclesAsync(portal, 1))[0];
        await using (var db = portal.CreateDb())
        {
            (await db.VehicleSet.SingleAsync(v => v.Vin == vin)).ModelReleaseId = 3;
            await db.SaveChangesAsync();
        }
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
        {
            await scope.ServiceProvider.GetRequiredService<RecordFirmwareRelease>()
                .HandleAsync("older.json", FirmwareTestData.FullManifest(DateTimeOffset.UtcNow.AddDays(-30)));
            await scope.ServiceProvider.GetRequiredService<MarkVehicleFirmwareCurrent>().HandleAsync(vin);
        }

        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("firmware");
        var upload = page.GetByTestId("firmware-upload");
        await upload.Locator("#manifest-file").ChooseFileAsync(new FilePayload
        {
            Name = "broken.json", MimeType = "application/json",
            Buffer = """{"firmware": {"<img src=x>": {"hash": "xyz", "date": "later", "name": "Flux Capacitor"}}}"""u8.ToArray(),
        });
        await upload.GetByTestId("manifest-record").ClickAsync();
        await Expect(upload.GetByTestId("manifest-problems").Locator("li")).ToHaveCountAsync(3);
        await Expect(upload.GetByTestId("manifest-problems")).ToContainTextAsync("\"<img src=x>\": \"Flux Capacitor\" is not a known firmware component.");
        await ScreenshotBothThemesAsync(page, "firmware-manifest-refused");

        var hashes = new Dictionary<string, string>();
        await upload.Locator("#manifest-file").ChooseFileAsync(new FilePayload
        {
            Name = "release.json", MimeType = "application/json",
            Buffer = FirmwareTestData.FullManifest(DateTimeOffset.UtcNow.AddHours(-1), hashes, ["004280 Comm Firmware", "VCU Firmware"]),
        });
        await upload.GetByTestId("manifest-record").ClickAsync();
        await Expect(page.GetByText("2 component release(s) recorded.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("current-releases")).ToContainTextAsync(hashes["VCU Firmware"][..7]);
        await ScreenshotBothThemesAsync(page, "firmware-releases");

        await page.GotoAsync($"vehicles/{vin}?tab=firmware");
        await Expect(page.GetByTestId("firmware-overall")).ToHaveTextAsync("Update(s) required");
        var comm = page.Locator("[data-testid=firmware-row][data-component='Comm Firmware']");
        await Expect(comm.GetByTestId("firmware-state")).ToHaveTextAsync("Behind");
        await ScreenshotBothThemesAsync(page, "vehicle-firmware-behind");

        await page.GetByTestId("firmware-mark-all").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Acknowledge & proceed" }).ClickAsync();
        await Expect(page.GetByTestId("firmware-overall")).ToHaveTextAsync("Up to date");
        await Expect(comm.GetByTestId("firmware-state")).ToHaveTextAsync("Up to date");
        await ScreenshotBothThemesAsync(page, "vehicle-firmware-up-to-date");

        await page.GotoAsync($"firmware/status");
        await Expect(page.GetByText("Comparing the fleet's firmware…")).ToHaveCountAsync(0);
        await page.FillAsync("#firmware-vin", vin[^8..]);
        var rows = page.GetByTestId("firmware-status-table").Locator("tbody tr");
        var row = rows.Filter(new() { HasText = vin });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Up to date");
        await ScreenshotBothThemesAsync(page, "firmware-status-report");
    }
}
