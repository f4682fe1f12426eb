using Arc.Domain.Firmware;
using Arc.Domain.Intake;
using Arc.Domain.Permissions;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Arc.Portal.Tests.Integration.Intake.IntakeTestData;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>Issue 16 item 5: a recall desk names the remedy firmware, a vehicle reports it, and the recall page shows it remedied over the air.</summary>
public sealed class OverTheAirRemedyBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task A_desk_names_the_remedy_firmware_and_a_vehicle_reporting_it_shows_remedied_over_the_air()
    {
        var portal = Fixture.Portal;
        var hashes = new Dictionary<string, string>();
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            await scope.ServiceProvider.GetRequiredService<RecordFirmwareRelease>().HandleAsync("release.json",
                FirmwareTestData.FullManifest(DateTimeOffset.UtcNow.AddDays(-1), hashes, ["Comm Firmware"]));
        var hash = hashes["Comm Firmware"];
        var (id, _) = await RecallTestData.CreateAsync(portal, "Brake controller update " + Guid.NewGuid().ToString("N")[..6]);
        var vin = await NewVehicleAsync(portal);
        await RecallTestData.AddToRecallAsync(portal, id, [vin]);
        var email = $"ota-desk-{Guid.NewGuid():N}@arc.test";
        var username = await portal.CreateUserAsync(email);
        await portal.AddToGroupAsync(username, await portal.CreateGroupAsync($"OTA desk {Guid.NewGuid():N}",
            Perm.RecallRead, Perm.RecallCreate, Perm.RecallEdit, Perm.RecallVehicleRead, Perm.VehicleRead));
        var page = await Fixture.SignInAsync(email, PortalServer.UserPassword);

        await page.GotoAsync($"recalls/{id}");
        await page.GetByTestId("add-remedy").ClickAsync();
        await Expect(page.GetByTestId("remedy-firmware-component")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("remedy-firmware-choices-error")).ToHaveCountAsync(0);
        await page.GetByTestId("remedy-firmware-component").ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { Name = "Comm Firmware", Exact = true }).ClickAsync();
        await page.Locator("#remedy-description").FillAsync("Update the brake controller firmware over the air.");
        await page.GetByTestId("save-remedy").ClickAsync();
        await Expect(page.GetByTestId("remedy-form")).ToContainTextAsync("Choose the release of Comm Firmware");
        await ScreenshotBothThemesAsync(page, "remedy-firmware-refused");
        await page.GetByTestId("remedy-firmware-hash").ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { NameRegex = new(hash[..7]) }).ClickAsync();
        await page.GetByTestId("save-remedy").ClickAsync();
        await Expect(page.GetByTestId("remedy-firmware-value")).ToContainTextAsync($"Comm Firmware {hash[..7]}");
        await Expect(page.GetByTestId("recall-vehicle-status")).ToHaveTextAsync("Open");

        // The vehicle reports the remedy firmware through its shadow, as the intake receives it.
        var document = $"{{\"current\":{{\"state\":{{\"reported\":{{\"firmware\":{{\"Comm Firmware\":\"{hash}\"}}}}}}}},\"timestamp\":{DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds()}}}";
        var outcome = await portal.Services.GetRequiredService<IIntakePipeline>().SendAsync(Message(document, topic: IntakeTopics.ShadowDocuments(vin)));
        Assert.Equal(IntakeResult.Written, outcome.Result);

        await page.ReloadAsync();
        await Expect(page.GetByTestId("recall-vehicle-ota")).ToContainTextAsync($"Remedied over the air: Comm Firmware {hash[..7]}, reported ");
        await Expect(page.GetByTestId("recall-vehicle-status")).ToHaveTextAsync("Remedied");
        await ScreenshotBothThemesAsync(page, "recall-remedied-over-the-air", fullPage: true);

        // The export carries the evidence in its own columns.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("recall-vehicles").GetByTestId("export-csv").ClickAsync());
        var lines = (await File.ReadAllLinesAsync((await download.PathAsync())!)).Select(l => l.TrimStart('\uFEFF').Split(',')).ToList();
        Assert.Equal(2, lines.Count);
        var cell = lines[0].Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i);
        Assert.Equal((vin, "Remedied"), (lines[1][cell["VIN"]], lines[1][cell["Status"]]));
        Assert.Equal("Comm Firmware", lines[1][cell["Remedied over the air: component"]]);
        Assert.Equal(hash, lines[1][cell["Reported version"]]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", lines[1][cell["Reported (UTC)"]]);
        Assert.Equal("shadow", lines[1][cell["Reported through"]]);

        // The vehicle's own Recalls tab shows the same evidence where a dealer's work order would be.
        await page.GotoAsync($"vehicles/{vin}?tab=recalls");
        var row = page.GetByTestId("vehicle-recall-row");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("vehicle-recall-status")).ToHaveTextAsync("Remedied");
        await Expect(row).ToContainTextAsync($"Remedied over the air: Comm Firmware {hash[..7]}, reported ");
        await Expect(row.GetByTestId("vehicle-recall-service")).ToHaveCountAsync(0);
    }
}
