using Arc.Domain.Firmware;
using Arc.Domain.Permissions;
using Arc.Domain.Shadows;
using Arc.Domain.Telemetry;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>Issue 18 item 2 in the browser: the speed governor set from the vehicle page and GPS recording toggled, both reaching the shadow.</summary>
public sealed class VehicleConfigurationBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static ILocator ShadowRow(ILocator table, string key) =>
        table.Locator("tbody tr").Filter(new() { Has = table.Page.Locator("td:first-child", new() { HasTextRegex = new($"^\\s*{System.Text.RegularExpressions.Regex.Escape(key)}(\\s+\\(pending\\))?\\s*$") }) });

    [Fact]
    public async Task An_operator_is_refused_the_governor_on_old_firmware_sets_it_where_allowed_and_toggles_gps_and_the_shadow_follows()
    {
        var portal = Fixture.Portal;
        var vins = await FleetTestData.AddVehiclesAsync(portal, 2);
        var (vin, older) = (vins[0], vins[1]);
        var email = $"governor-{Guid.NewGuid():N}@arc.test";
        var username = await portal.CreateUserAsync(email, "all");
        await portal.AddToGroupAsync(username, await portal.CreateGroupAsync($"Governor {Guid.NewGuid():N}"[..17], Perm.VehicleConfigurationWrite));
        await using (var db = portal.CreateDb())
        {
            (await db.VehicleSet.SingleAsync(v => v.Vin == vin)).ModelReleaseId = 3;
            await db.SaveChangesAsync();
        }
        await using (var scope = await portal.AsUserAsync(username))
        {
            await scope.ServiceProvider.GetRequiredService<RecordFirmwareRelease>().HandleAsync("release.json",
                FirmwareTestData.FullManifest(GovernorRule.FirstGovernorBuild.AddDays(10), null, ["004280 Comm Firmware"]));
            await scope.ServiceProvider.GetRequiredService<MarkVehicleFirmwareCurrent>().HandleAsync(vin, [new("Comm Firmware")]);
        }

        var page = await Fixture.SignInAsync(email, PortalServer.UserPassword);

        // A vehicle whose Comm firmware has no governor: the limit is refused on its field.
        await page.GotoAsync($"vehicles/{older}");
        await Expect(page.GetByTestId("card-governor")).ToContainTextAsync("Incompatible");
        await page.GetByTestId("governor-open").ClickAsync();
        var refusal = page.GetByRole(AriaRole.Dialog);
        await Expect(refusal.GetByTestId("governor-incompatible")).ToBeVisibleAsync();
        await refusal.GetByLabel("Enable governor").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await refusal.Locator("#governor-mph").FillAsync("30");
        await refusal.Locator("#governor-mph").PressAsync("Enter");
        await Expect(refusal).ToContainTextAsync("does not understand a speed governor");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        await page.GotoAsync($"vehicles/{vin}");
        await Expect(page.GetByTestId("card-governor")).ToContainTextAsync("Compatible");
        await Expect(page.GetByTestId("card-control")).ToContainTextAsync("Not in your fleets");

        await page.GetByTestId("governor-open").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator("#governor-mph")).ToBeDisabledAsync();
        // Keyboard only: the switch takes Space, the field Enter.
        await dialog.GetByLabel("Enable governor").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await dialog.Locator("#governor-mph").FillAsync("71");
        await dialog.Locator("#governor-mph").PressAsync("Enter");
        await Expect(dialog).ToContainTextAsync("Value must be between 5 and 70");
        await PortalAndBrowser.ScreenshotAsync(page, "vehicle-governor-refused", fullPage: false);

        await dialog.Locator("#governor-mph").FillAsync("30");
        await dialog.Locator("#governor-mph").PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("card-governor")).ToContainTextAsync("30 mph");

        await page.GetByTestId("gps-toggle").ClickAsync();
        await Expect(page.GetByTestId("gps-state")).ToHaveTextAsync("GPS recording is on.");
        await Expect(page.GetByTestId("card-sync")).ToContainTextAsync("Pending");

        // The Sync tab shows the shadow as the vehicle will read it: both settings desired, not yet reported.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Sync" }).ClickAsync();
        var shadow = page.GetByTestId("shadow-table");
        await Expect(ShadowRow(shadow, "record_gps").Locator("td").Nth(1)).ToHaveTextAsync("true");
        await Expect(ShadowRow(shadow, "record_gps").Locator("td").Nth(0)).ToContainTextAsync("(pending)");
        await Expect(ShadowRow(shadow, DesiredState.GovernorKey).Locator("td").Nth(1)).ToHaveTextAsync("48");
        await ScreenshotBothThemesAsync(page, "vehicle-sync-gps-on");

        // Switched off again, the shadow's desired state follows on the open tab.
        await page.GetByTestId("gps-toggle").ClickAsync();
        await Expect(page.GetByTestId("gps-state")).ToHaveTextAsync("GPS recording is off.");
        await Expect(ShadowRow(shadow, "record_gps").Locator("td").Nth(1)).ToHaveTextAsync("false");

        await portal.SideEffectsSettledAsync();
        var desired = (await portal.Services.GetRequiredService<IDeviceShadows>().GetAsync(vin))!.Desired;
        Assert.Equal(48, desired[DesiredState.GovernorKey]!.GetValue<long>());
        Assert.False(desired["record_gps"]!.GetValue<bool>());
        Assert.False((await portal.Services.GetRequiredService<IDeviceShadows>().GetAsync(older))?.Desired?.ContainsKey(DesiredState.GovernorKey) ?? false);
        await ScreenshotBothThemesAsync(page, "vehicle-configuration");
    }

    [Fact]
    public async Task The_position_card_follows_the_gps_switch_and_new_positions_without_a_reload()
    {
        var portal = Fixture.Portal;
        var vin = (await FleetTestData.AddVehiclesAsync(portal, 1))[0];
        var store = portal.Services.GetRequiredService<ITelemetryStore>();
        Task ReportAsync(double latitude, double longitude) => store.WriteAsync([new TelemetrySample(vin, DateTimeOffset.UtcNow,
            new Dictionary<string, double> { ["bms_pack_soc"] = 81, ["gps_latitude"] = latitude, ["gps_longitude"] = longitude })]);
        await ReportAsync(44.05, -123.1);

        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync($"vehicles/{vin}?tab=telemetry");
        var card = page.GetByTestId("card-gps");
        await Expect(page.GetByTestId("card-soc")).ToHaveTextAsync("81 %");
        await Expect(card).ToHaveTextAsync("Not recorded (privacy)");

        await page.GetByTestId("gps-toggle").ClickAsync();
        await Expect(page.GetByTestId("gps-state")).ToHaveTextAsync("GPS recording is on.");
        await Expect(card).ToHaveTextAsync("44.05000, -123.10000");

        await ReportAsync(44.0612, -123.0871);
        await Expect(card).ToHaveTextAsync("44.06120, -123.08710");
        await ScreenshotBothThemesAsync(page, "vehicle-telemetry-gps-live");

        await page.GetByTestId("gps-toggle").ClickAsync();
        await Expect(page.GetByTestId("gps-state")).ToHaveTextAsync("GPS recording is off.");
        await Expect(card).ToHaveTextAsync("Not recorded (privacy)");
    }
}
