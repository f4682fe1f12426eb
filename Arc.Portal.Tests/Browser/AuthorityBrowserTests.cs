using System.Text.RegularExpressions;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

public sealed class AuthorityBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static readonly string Vin = "DEV-" + DemoData.MakeVin('T', 'M', 26);

    [Fact]
    public async Task An_administrator_delegates_a_vehicle_signs_a_token_and_revokes_it_again()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);

        // Create an authority under the root.
        await page.GetByRole(AriaRole.Link, new() { Name = "Authorities" }).ClickAsync();
        await Expect(page.GetByTestId("authority-table")).ToContainTextAsync("Arcimoto, Inc.");
        await page.FillAsync("#new-authority", "Playwright Rentals");
        await page.GetByTestId("create-authority").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/authorities/\\d+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Playwright Rentals" })).ToBeVisibleAsync();
        var authorityUrl = page.Url;
        var trustedKey = (await page.GetByTestId("trusted-key").InnerTextAsync()).Trim();

        // Grant it a vehicle the root holds (once its vehicle list has loaded, so the form is live).
        await Expect(page.GetByTestId("authority-vehicles")).ToContainTextAsync("None");
        await page.FillAsync("#grant-vin", Vin);
        await page.GetByTestId("grant").ClickAsync();
        await Expect(page.GetByTestId("authority-vehicles")).ToContainTextAsync(Vin);
        await PortalAndBrowser.ScreenshotAsync(page, "authority-detail");

        // The vehicle's shadow now carries the new key and the simulated vehicle acknowledges it.
        await page.GotoAsync($"vehicles/{Vin}?tab=sync");
        await Expect(page.GetByTestId("shadow-table")).ToContainTextAsync(trustedKey);
        await Expect(page.GetByTestId("sync-status")).ToHaveTextAsync("Synchronized", new() { Timeout = 20_000 });
        await PortalAndBrowser.ScreenshotAsync(page, "vehicle-sync");

        // Sign a token with the new authority, with an expiry, and copy it.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Authorities" }).ClickAsync();
        await Expect(page.GetByTestId("vehicle-authorities")).ToContainTextAsync("Playwright Rentals");
        await page.GetByTestId("sign-authority").ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { NameRegex = new Regex("Playwright Rentals") }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Expires in 24 h" }).ClickAsync();
        await page.GetByTestId("sign").ClickAsync();
        await Expect(page.Locator("#signed-token")).ToHaveValueAsync(new Regex("====SIGNATURE===="));
        await page.GetByTestId("copy-token").ClickAsync();
        // The copy goes through the circuit to the browser: wait until the clipboard holds it.
        var copied = await Eventually.ReturnsAsync(() => page.EvaluateAsync<string>("() => navigator.clipboard.readText()"),
            text => text.Length > 0, TimeSpan.FromSeconds(10), "The token reaching the clipboard");
        Assert.StartsWith($"{{\"vin\": \"{Vin}\", \"expires\": ", copied, StringComparison.Ordinal);
        Assert.Equal($"valid {Vin}", await ExternalTools.VerifyTokenAsync(copied, trustedKey));
        await PortalAndBrowser.ScreenshotAsync(page, "vehicle-sign-token");

        // Revoke: after confirming, the key leaves the vehicle's shadow.
        await page.GotoAsync(authorityUrl);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Revoke {Vin}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("authority-vehicles")).Not.ToContainTextAsync(Vin);
        await page.GotoAsync($"vehicles/{Vin}?tab=sync");
        await Expect(page.GetByTestId("shadow-table")).ToBeVisibleAsync();
        // Gone from the desired state at once, and from the reported state once the vehicle has acted on it.
        await Expect(page.GetByTestId("shadow-table")).Not.ToContainTextAsync(trustedKey, new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("sync-status")).ToHaveTextAsync("Synchronized", new() { Timeout = 20_000 });
    }

    [Fact]
    public async Task A_vehicle_is_granted_and_revoked_from_its_own_page()
    {
        var vin = "DEV-" + DemoData.MakeVin('D', 'N', 89);
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync($"vehicles/{vin}?tab=authorities");
        await Expect(page.GetByTestId("vehicle-authorities")).ToContainTextAsync("Arcimoto, Inc.");
        await Expect(page.GetByTestId("vehicle-authorities")).Not.ToContainTextAsync("Engineering");
        await page.GetByTestId("grant-authority").ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { NameRegex = new Regex("Engineering") }).ClickAsync();
        await page.GetByTestId("grant-vehicle").ClickAsync();
        await Expect(page.GetByTestId("vehicle-authorities")).ToContainTextAsync("3 - Engineering");

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke Engineering" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("vehicle-authorities")).Not.ToContainTextAsync("Engineering");
    }

    [Fact]
    public async Task Viewing_the_factory_pin_is_on_request_and_leaves_an_audit_entry()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync($"vehicles/{Vin}?tab=pin");
        await Expect(page.GetByTestId("factory-pin")).ToHaveCountAsync(0);
        await page.GetByTestId("show-pin").ClickAsync();
        await Expect(page.GetByTestId("factory-pin")).ToHaveTextAsync(new Regex("^[0-9]{6}$"));
        await page.GetByRole(AriaRole.Tab, new() { Name = "History" }).ClickAsync();
        await Expect(page.GetByTestId("audit-table")).ToContainTextAsync("vehicle.factory_pin_viewed");
    }

    [Fact]
    public async Task Bad_grant_and_token_input_get_clear_messages()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("authorities/3");
        await Expect(page.GetByTestId("authority-vehicles")).ToBeVisibleAsync();
        var unknown = "DEV-" + DemoData.MakeVin('T', 'L', 99_990);
        await page.FillAsync("#grant-vin", unknown);
        await page.GetByTestId("grant").ClickAsync();
        await Expect(page.GetByText($"Vehicle '{unknown}' does not exist.")).ToBeVisibleAsync();
        await page.FillAsync("#grant-vin", "not a vin");
        await page.GetByTestId("grant").ClickAsync();
        await Expect(page.GetByText("A VIN has exactly 17 characters", new() { Exact = false })).ToBeVisibleAsync();

        await page.GotoAsync("authorities/424242");
        await Expect(page.GetByTestId("authority-error")).ToContainTextAsync("does not exist");

        await page.GotoAsync($"vehicles/{Vin}?tab=authorities");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add field" }).ClickAsync();
        await page.GetByLabel("Value").FillAsync("orphan value");
        await page.GetByTestId("sign").ClickAsync();
        await Expect(page.GetByTestId("sign-error")).ToHaveTextAsync("Every extra field needs a name.");
    }
}
