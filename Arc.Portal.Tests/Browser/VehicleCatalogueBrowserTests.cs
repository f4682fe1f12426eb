using System.Globalization;
using System.Text.RegularExpressions;
using Arc.Domain.Models;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>
/// Issue 18 item 1 on the vehicle page: a model release created in the catalogue set on a vehicle directly, a part of it
/// installed (a choice the release no longer lists refused), and a quality inspection recorded, each leaving its system note.
/// </summary>
public sealed class VehicleCatalogueBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static string NewPartNumber() => "L" + Random.Shared.Next(10_000, 99_999).ToString(CultureInfo.InvariantCulture);

    private async Task<string> VehicleOfReleaseAsync(int release)
    {
        var vin = (await FleetTestData.AddVehiclesAsync(Fixture.Portal, 1))[0];
        await using var db = Fixture.Portal.CreateDb();
        (await db.VehicleSet.SingleAsync(v => v.Vin == vin)).ModelReleaseId = release;
        await db.SaveChangesAsync();
        return vin;
    }

    private static async Task ChooseAsync(IPage page, ILocator select, Regex option)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { NameRegex = option }).ClickAsync();
    }

    private static async Task ExpectSystemNoteAsync(IPage page, string content, string tag)
    {
        await page.GetByRole(AriaRole.Tab, new() { Name = "Notes" }).ClickAsync();
        var note = page.GetByTestId("note").Filter(new() { Has = page.GetByTestId("note-content").GetByText(content, new() { Exact = true }) });
        await Expect(note).ToHaveCountAsync(1);
        await Expect(note.GetByTestId("note-system")).ToBeVisibleAsync();
        await Expect(note.GetByTestId("note-tag")).ToHaveTextAsync(tag);
    }

    [Fact]
    public async Task An_admin_creates_a_release_sets_it_on_a_vehicle_and_installs_its_part_and_a_part_the_release_no_longer_lists_is_refused()
    {
        var portal = Fixture.Portal;
        var (number, later) = (NewPartNumber(), NewPartNumber());
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
        {
            await scope.ServiceProvider.GetRequiredService<CreatePart>().HandleAsync(new NewPart("LV", number, "A browser test LV part"));
            await scope.ServiceProvider.GetRequiredService<CreatePart>().HandleAsync(new NewPart("LV", later, "A later browser test LV part"));
        }
        var vin = await VehicleOfReleaseAsync(3);
        var description = $"FUV: LV {number}";
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);

        // The release, made in the catalogue from release 3 with another LV part.
        await page.GotoAsync("model-releases?model=1");
        await page.GetByTestId("new-release").ClickAsync();
        var create = page.GetByRole(AriaRole.Dialog);
        await page.FillAsync("#release-description", description);
        await ChooseAsync(page, create.GetByTestId("release-copy-from"), new("^3 · FUV: KERS Sensor$"));
        // The copied numbers arrive in a render of their own; typing before it lands would be overwritten by it.
        await Expect(create.Locator("#part-lv")).Not.ToHaveValueAsync("");
        await create.Locator("#part-lv").FillAsync(number);
        await Expect(create.Locator("#part-lv")).ToHaveValueAsync(number);
        await Expect(page.Locator("#release-description")).ToHaveValueAsync(description);
        await create.GetByTestId("create-release").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("release-table")).ToContainTextAsync(description);
        int release;
        await using (var db = portal.CreateDb())
            release = await db.ReleaseSet.Where(r => r.Description == description).Select(r => r.ModelReleaseId).SingleAsync();

        // Set on the vehicle from its Parts tab; the dialog shows the release's parts before it is chosen.
        await page.GotoAsync($"vehicles/{vin}?tab=parts");
        await Expect(page.GetByTestId("card-model-release")).ToContainTextAsync("FUV: KERS Sensor");
        await Expect(page.GetByText("Vehicle pre-registered: no parts marked installed.")).ToBeVisibleAsync();
        await page.GetByTestId("set-model-release").ClickAsync();
        var set = page.GetByRole(AriaRole.Dialog);
        await Expect(set.GetByTestId("set-release-save")).ToBeDisabledAsync();
        await ChooseAsync(page, set.GetByTestId("model-release-choice"), new(Regex.Escape(description)));
        await Expect(set.GetByTestId("release-parts").Locator("tr", new() { HasText = "LV" })).ToContainTextAsync(number);
        await PortalAndBrowser.ScreenshotAsync(page, "vehicle-set-model-release", fullPage: false);
        await set.GetByTestId("set-release-save").ClickAsync();
        await Expect(page.GetByTestId("card-model-release")).ToContainTextAsync(description);
        await Expect(page.GetByText($"FUV · {description}")).ToBeVisibleAsync();

        // Install the release's LV part.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Parts" }).ClickAsync();
        await page.GetByTestId("install-part").ClickAsync();
        var install = page.GetByRole(AriaRole.Dialog);
        await Expect(install).ToContainTextAsync($"Only the part numbers of its model release {release} can be installed.");
        await ChooseAsync(page, install.GetByTestId("install-part-choice"), new($"^LV: {number}"));
        await install.GetByTestId("install-part-save").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        var row = page.GetByTestId("vehicle-parts").Locator("tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("td").Nth(0)).ToHaveTextAsync(number);
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("LV");
        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync(DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await ScreenshotBothThemesAsync(page, "vehicle-part-installed");

        // The dialog is open on the LV part when the catalogue changes the release's LV part: the stale number is refused on its field.
        await page.GetByTestId("install-part").ClickAsync();
        install = page.GetByRole(AriaRole.Dialog);
        await ChooseAsync(page, install.GetByTestId("install-part-choice"), new($"^LV: {number} \\(installed\\)"));
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            await scope.ServiceProvider.GetRequiredService<SetModelReleasePart>().HandleAsync(release, "LV", later);
        await install.GetByTestId("install-part-save").ClickAsync();
        await Expect(install).ToContainTextAsync($"{number} is not the LV part of model release {release}, which lists {later}.");
        await PortalAndBrowser.ScreenshotAsync(page, "vehicle-part-refused", fullPage: false);
        await install.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("td").Nth(0)).ToHaveTextAsync(number);

        await ExpectSystemNoteAsync(page, $"Model Release set to {release}", CatalogueRules.NoteTag);
        await ExpectSystemNoteAsync(page, "Part Installed", CatalogueRules.NoteTag);
    }

    [Fact]
    public async Task An_inspector_passes_a_vehicle_whose_firmware_is_not_current_only_with_remarks_and_the_note_says_so()
    {
        var vin = await VehicleOfReleaseAsync(3);
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync($"vehicles/{vin}?tab=quality");
        await Expect(page.GetByTestId("no-inspections")).ToBeVisibleAsync();

        // No firmware is recorded for the vehicle: a pass without a reason is refused on the remarks.
        await page.GetByTestId("quality-record").ClickAsync();
        var form = page.GetByTestId("quality-form");
        await Expect(form).ToContainTextAsync("The firmware is not up to date");
        await Expect(form).ToContainTextAsync("say in the remarks why the vehicle passes anyway");
        await Expect(page.GetByTestId("no-inspections")).ToBeVisibleAsync();
        await ScreenshotBothThemesAsync(page, "vehicle-quality-refused");

        const string remarks = "Firmware is flashed at the dealer before delivery";
        await page.FillAsync("#quality-remarks", remarks);
        await page.GetByTestId("quality-record").ClickAsync();
        var row = page.GetByTestId("quality-table").Locator("tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Passed");
        await Expect(row).ToContainTextAsync("Not current");
        await Expect(row).ToContainTextAsync("Comm Firmware");
        await Expect(row).ToContainTextAsync(remarks);
        // The inspector by name, not by the stored username.
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("Administrator");
        await Expect(page.Locator("#quality-remarks")).ToHaveValueAsync("");
        await ScreenshotBothThemesAsync(page, "vehicle-quality-recorded");

        await ExpectSystemNoteAsync(page, $"Quality Inspection passed: {remarks}", CatalogueRules.QualityNoteTag);
    }
}
