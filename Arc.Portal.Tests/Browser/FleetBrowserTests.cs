using System.Text.RegularExpressions;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

public sealed class FleetBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task An_admin_creates_a_fleet_adds_vehicles_from_a_checked_paste_adds_a_user_and_removes_a_vehicle()
    {
        var vins = await FleetTestData.AddVehiclesAsync(Fixture.Portal, 3);
        var email = $"driver-{Guid.NewGuid():N}"[..15] + "@arc.test";
        var member = await Fixture.Portal.CreateUserAsync(email);
        var name = FleetTestData.NewFleetName("Coastal");

        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "Fleets", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("fleet-table")).ToContainTextAsync("maker's fleet");
        await page.GetByTestId("new-fleet").ClickAsync();
        await page.FillAsync("#fleet-name", "   ");
        await page.GetByTestId("create-fleet").ClickAsync();
        await Expect(page.GetByText("A fleet needs a name.")).ToBeVisibleAsync();
        await page.FillAsync("#fleet-name", name);
        await page.GetByTestId("create-fleet").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/fleets/[0-9]+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("fleet-no-vehicles")).ToBeVisibleAsync();
        var fleetUrl = page.Url;

        // The dry run first: a mistyped VIN and a repeated one are listed and nothing is added.
        await page.FillAsync("#fleet-bulk-vins", $"{vins[0]}\n{vins[1]}, {vins[2]}\n7F7ATNOTAVIN\n{vins[0]}");
        await page.GetByTestId("fleet-bulk-check").ClickAsync();
        var problems = page.GetByTestId("fleet-bulk-problems");
        await Expect(problems).ToContainTextAsync("2 problems found");
        await Expect(problems).ToContainTextAsync("Line 3: '7F7ATNOTAVIN'");
        await Expect(problems).ToContainTextAsync($"{vins[0]} is listed 2 times (lines 1 and 4)");
        await Expect(page.GetByTestId("fleet-bulk-apply")).ToHaveCountAsync(0);
        await PortalAndBrowser.ScreenshotAsync(page, "fleet-bulk-problems");

        await page.FillAsync("#fleet-bulk-vins", $"{vins[0]}\n{vins[1]}, {vins[2]}");
        await page.GetByTestId("fleet-bulk-check").ClickAsync();
        await Expect(page.GetByTestId("fleet-bulk-ready")).ToContainTextAsync("3 vehicles will be added");
        await PortalAndBrowser.ScreenshotAsync(page, "fleet-bulk-ready");
        await page.GetByTestId("fleet-bulk-apply").ClickAsync();
        await Expect(page.GetByText("3 vehicles added to the fleet.")).ToBeVisibleAsync();
        foreach (var vin in vins)
            await Expect(page.GetByTestId("fleet-vehicles")).ToContainTextAsync(vin);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vehicles (3)" })).ToBeVisibleAsync();

        await page.FillAsync("#fleet-add-user", email.ToUpperInvariant());
        await page.GetByTestId("fleet-add-user-button").ClickAsync();
        await Expect(page.GetByTestId("fleet-users")).ToContainTextAsync(email);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users (1)" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = $"Remove {vins[1]} from the fleet" }).ClickAsync();
        await Expect(page.GetByText($"Remove {vins[1]} from the fleet?")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove", Exact = true }).ClickAsync();
        await Expect(page.GetByText($"{vins[1]} removed from the fleet.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("fleet-vehicles")).Not.ToContainTextAsync(vins[1]);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vehicles (2)" })).ToBeVisibleAsync();
        await PortalAndBrowser.ScreenshotAsync(page, "fleet-page-light");

        // The vehicle's Fleets tab names the new fleet; the vehicle taken out no longer does.
        await page.GotoAsync($"vehicles/{vins[0]}?tab=fleets");
        await Expect(page.GetByTestId("vehicle-fleets")).ToContainTextAsync(name);
        await PortalAndBrowser.ScreenshotAsync(page, "fleet-vehicle-tab-light", fullPage: false);
        await page.GotoAsync($"vehicles/{vins[1]}?tab=fleets");
        await Expect(page.GetByTestId("vehicle-fleets")).Not.ToContainTextAsync(name);

        // The member's page lists the fleet in its Fleets tab.
        await page.GotoAsync($"users/{member}?tab=fleets");
        await Expect(page.GetByTestId("user-fleets")).ToContainTextAsync(name);
        await PortalAndBrowser.ScreenshotAsync(page, "fleet-user-tab-light", fullPage: false);

        await page.GotoAsync($"fleets?q={Uri.EscapeDataString(name)}");
        await Expect(page.GetByTestId("fleet-table").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("fleet-table").Locator("tbody tr")).ToContainTextAsync("2");
        await PortalAndBrowser.ScreenshotAsync(page, "fleet-list-light", fullPage: false);

        await page.Context.AddCookiesAsync([new Cookie { Name = Arc.Portal.Components.ThemeState.CookieName, Value = "dark", Url = Fixture.Portal.BaseAddress.ToString() }]);
        await page.GotoAsync("fleets");
        await Expect(page.GetByTestId("fleet-table")).ToContainTextAsync("maker's fleet");
        await PortalAndBrowser.ScreenshotAsync(page, "fleet-list-dark", fullPage: false);
        await page.GotoAsync(fleetUrl);
        await page.FillAsync("#fleet-bulk-vins", "=1+1");
        await page.GetByTestId("fleet-bulk-check").ClickAsync();
        await Expect(page.GetByTestId("fleet-bulk-problems")).ToContainTextAsync("spreadsheet formula");
        await PortalAndBrowser.ScreenshotAsync(page, "fleet-page-dark");
        await page.GotoAsync($"vehicles/{vins[0]}?tab=fleets");
        await Expect(page.GetByTestId("vehicle-fleets")).ToContainTextAsync(name);
        await PortalAndBrowser.ScreenshotAsync(page, "fleet-vehicle-tab-dark", fullPage: false);
        await page.GotoAsync($"users/{member}?tab=fleets");
        await Expect(page.GetByTestId("user-fleets")).ToContainTextAsync(name);
        await PortalAndBrowser.ScreenshotAsync(page, "fleet-user-tab-dark", fullPage: false);
    }
}
