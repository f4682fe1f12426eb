using System.Text;
using Arc.Domain.Permissions;
using Arc.Domain.Recalls;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>Issue 16, affected vehicles: a recall desk adds vehicles by CSV, services two, and sees the vehicle page and the public lookup change.</summary>
public sealed class RecallVehicleBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    /// <summary>Signs in a staff member who runs recalls' vehicles and may open vehicle pages.</summary>
    private async Task<IPage> RecallDeskAsync()
    {
        var portal = Fixture.Portal;
        var email = $"recall-vehicles-{Guid.NewGuid():N}@arc.test";
        var username = await portal.CreateUserAsync(email);
        await portal.AddToGroupAsync(username, await portal.CreateGroupAsync($"Recall vehicles desk {Guid.NewGuid():N}",
            Perm.RecallRead, Perm.RecallVehicleRead, Perm.RecallVehicleAdd, Perm.RecallVehicleService, Perm.RecallVehicleEdit, Perm.VehicleRead));
        return await Fixture.SignInAsync(email, PortalServer.UserPassword);
    }

    /// <summary>The campaign numbers the public lookup lists as open for a VIN.</summary>
    private static async Task<string> LookupAsync(IPage page, string vin)
    {
        var response = await page.Context.APIRequest.GetAsync($"recalls/v1/vin/{vin}");
        Assert.Equal(200, response.Status);
        return await response.TextAsync();
    }

    /// <summary>
    /// Asks the lookup until its answer satisfies <paramref name="done"/>: answers are kept per VIN and read again once the
    /// recall data's stamp is checked, every few seconds. One ask a second stays well inside the lookup's rate limit.
    /// </summary>
    private static async Task<string> LookupUntilAsync(IPage page, string vin, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var body = await LookupAsync(page, vin);
            if (done(body) || DateTime.UtcNow > deadline)
                return body;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public async Task A_recall_desk_adds_vehicles_by_csv_services_two_and_the_vehicle_page_and_public_lookup_show_them_remedied()
    {
        var (id, number) = await RecallTestData.CreateAsync(Fixture.Portal, "Rear brake line fittings " + Guid.NewGuid().ToString("N")[..6], RemedyType.DealerRepair);
        var vins = (await RecallTestData.AddVehiclesAsync(Fixture.Portal, 3)).Order(StringComparer.Ordinal).ToList();
        var page = await RecallDeskAsync();
        await page.GotoAsync($"recalls/{id}");
        await Expect(page.GetByTestId("no-recall-vehicles")).ToBeVisibleAsync();

        await page.GetByTestId("add-recall-vehicles").ClickAsync();
        var csv = "vin,dealer\n" + string.Join("\n", vins.Select((v, i) => $"{v},Dealer {i + 1}")) + "\n";
        // The file input answers once the dialog's script has hooked it, a moment after the dialog shows; a file chosen
        // in that moment is not read, and a person would choose it again.
        for (var attempt = 1; ; attempt++)
        {
            await page.GetByTestId("recall-add-file").SetInputFilesAsync(new FilePayload { Name = "affected.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
            try
            {
                await Expect(page.GetByTestId("recall-add-ready")).ToContainTextAsync("3 vehicles will be added", new() { Timeout = 5_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
        await PortalAndBrowser.ScreenshotAsync(page, "recall-add-vehicles-dialog", fullPage: false);
        await page.GetByTestId("recall-add-apply").ClickAsync();
        var rows = page.Locator("[data-testid=recall-vehicle-table] tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("recall-vehicle-counts")).ToContainTextAsync("3 vehicles: 3 open");
        Assert.Contains(number, await LookupAsync(page, vins[0]), StringComparison.Ordinal);

        await rows.Filter(new() { HasText = vins[0] }).GetByTestId("select-recall-vehicle").ClickAsync();
        await rows.Filter(new() { HasText = vins[1] }).GetByTestId("select-recall-vehicle").ClickAsync();
        await page.GetByTestId("service-selected").ClickAsync();
        await page.Locator("#recall-service-date").FillAsync("2024-03-05");
        await page.Locator("#recall-service-reference").FillAsync("WO-4471");
        await PortalAndBrowser.ScreenshotAsync(page, "recall-service-dialog", fullPage: false);
        await page.GetByTestId("save-recall-service").ClickAsync();
        await Expect(page.GetByTestId("recall-vehicle-counts")).ToContainTextAsync("3 vehicles: 1 open, 2 remedied");
        await Expect(rows.Filter(new() { HasText = vins[1] })).ToContainTextAsync("WO-4471");
        await ScreenshotBothThemesAsync(page, "recall-vehicles", fullPage: true);

        var lines = await ListBrowserTests.ExportAsync(page);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("VIN,NHTSA number,Status,Service date,Service reference,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{vins[0]},{number},Remedied,2024-03-05,WO-4471,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"{vins[2]},{number},Open,,,", lines[3], StringComparison.Ordinal);

        await rows.Filter(new() { HasText = vins[0] }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByTestId("vehicle-recalls")).ToBeVisibleAsync();
        var row = page.GetByTestId("vehicle-recall-row").Filter(new() { HasText = number });
        await Expect(row.GetByTestId("vehicle-recall-status")).ToHaveTextAsync("Remedied");
        await Expect(row).ToContainTextAsync("2024-03-05");
        await ScreenshotBothThemesAsync(page, "vehicle-recalls-tab");

        var serviced = await LookupUntilAsync(page, vins[0], body => !body.Contains(number, StringComparison.Ordinal));
        Assert.DoesNotContain(number, serviced, StringComparison.Ordinal);
        Assert.Contains(number, await LookupAsync(page, vins[2]), StringComparison.Ordinal);
    }
}
