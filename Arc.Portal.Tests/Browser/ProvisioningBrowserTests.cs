using System.Text.Json;
using System.Text.RegularExpressions;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

public sealed class ProvisioningBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task A_new_vehicle_is_provisioned_its_identity_downloaded_and_it_is_re_provisioned_keeping_the_pin()
    {
        var bare = DemoData.MakeVin('D', 'R', 77_001);
        var vin = "DEV-" + bare;
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GetByTestId("provision-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/vehicles/provision$"));

        await page.FillAsync("#provision-vin", bare[..16] + (bare[16] == '0' ? '1' : '0'));
        await Expect(page.GetByText("check digit", new() { Exact = false })).ToBeVisibleAsync();
        await page.FillAsync("#provision-vin", bare);
        await Expect(page.GetByText("Deliverator · model year 2024")).ToBeVisibleAsync();
        await page.GetByTestId("firmware-confirmed").ClickAsync();
        await page.GetByTestId("provision").ClickAsync();
        await Expect(page.GetByTestId("provisioned")).ToContainTextAsync($"{vin} provisioned");
        var pin = (await page.GetByTestId("provisioned-pin").InnerTextAsync()).Trim();
        Assert.Matches("^[0-9]{6}$", pin);
        await PortalAndBrowser.ScreenshotAsync(page, "provisioned");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-identity").ClickAsync());
        Assert.Equal("identity.json", download.SuggestedFilename);
        var path = await download.PathAsync();
        using (var identity = JsonDocument.Parse(await File.ReadAllTextAsync(path!)))
        {
            Assert.Equal(vin, identity.RootElement.GetProperty("vin").GetString());
            Assert.Equal(pin, identity.RootElement.GetProperty("pin").GetString());
            Assert.StartsWith("-----BEGIN PRIVATE KEY-----", identity.RootElement.GetProperty("client_key").GetString(), StringComparison.Ordinal);
            Assert.StartsWith("-----BEGIN CERTIFICATE-----", identity.RootElement.GetProperty("client_cert").GetString(), StringComparison.Ordinal);
        }

        // The vehicle is in the list, and its shadow becomes synchronized once the (simulated) vehicle reports.
        await page.GotoAsync($"vehicles?vin={bare[^6..]}");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = vin })).ToBeVisibleAsync();
        await page.GotoAsync($"vehicles/{vin}?tab=sync");
        await Expect(page.GetByTestId("sync-status")).ToHaveTextAsync("Synchronized", new() { Timeout = 20_000 });

        // Re-provision from the vehicle page, keeping the PIN.
        await page.GetByTestId("reprovision").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Re-provision a vehicle" })).ToBeVisibleAsync();
        await page.GetByTestId("firmware-confirmed").ClickAsync();
        await page.GetByTestId("provision").ClickAsync();
        await Expect(page.GetByTestId("provisioned")).ToContainTextAsync($"{vin} re-provisioned");
        await Expect(page.GetByTestId("provisioned-pin")).ToHaveTextAsync(pin);
    }

    [Fact]
    public async Task Unprovisioning_asks_first_and_removes_the_vehicle_from_the_list()
    {
        var vin = "DEV-" + DemoData.MakeVin('B', 'P', 180);
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync($"vehicles/{vin}");
        await page.GetByTestId("unprovision").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/vehicles/{vin}$"));
        await page.GetByTestId("unprovision").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Unprovision" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/vehicles$"));
        await page.GotoAsync($"vehicles/{vin}");
        await Expect(page.GetByTestId("vehicle-error")).ToContainTextAsync("does not exist");
    }
}
