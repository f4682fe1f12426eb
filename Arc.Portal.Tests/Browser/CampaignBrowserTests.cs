using System.Text.RegularExpressions;
using Arc.Domain.Rollouts;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>
/// Issue 18 items 4 to 7 in the browser: a campaign created from the form, started from its page, and watched without a
/// reload while its vehicles install and then raise fault alarms, until the health gate pauses it; resumed with a reason.
/// </summary>
public sealed class CampaignBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task An_engineer_creates_a_campaign_starts_it_and_watches_the_health_gate_pause_it_when_updated_vehicles_fault()
    {
        var portal = Fixture.Portal;
        var kit = new CampaignTestData(portal);
        var (_, hash) = await kit.ReleaseAsync(DateTimeOffset.UtcNow.AddDays(-1));
        var (fleetId, vins) = await kit.FleetAsync(20);
        string fleetName;
        await using (var db = portal.CreateDb())
            fleetName = await db.FleetSet.Where(f => f.Id == fleetId).Select(f => f.Name).SingleAsync();
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);

        await page.GotoAsync("firmware/campaigns");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Over-the-air campaigns" })).ToBeVisibleAsync();
        await page.GetByTestId("new-campaign").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator("#campaign-name")).ToBeVisibleAsync();
        // Nothing filled in: the name's refusal is shown under it and nothing is created.
        await dialog.GetByTestId("save-campaign").ClickAsync();
        await Expect(dialog).ToContainTextAsync("A campaign needs a name.");

        var name = $"Display {Guid.NewGuid():N}"[..16];
        await dialog.Locator("#campaign-name").FillAsync(name);
        await dialog.GetByTestId("campaign-release-Display Firmware").ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { NameRegex = new Regex(Regex.Escape(hash)) }).ClickAsync();
        await dialog.GetByTestId("campaign-population-kind").ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { Name = "Fleet", Exact = true }).ClickAsync();
        await dialog.GetByTestId("campaign-population-id").ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { NameRegex = new Regex(Regex.Escape(fleetName)) }).ClickAsync();
        // Two waves: half the fleet, then the rest.
        await dialog.GetByLabel("Remove wave 2").ClickAsync();
        await dialog.GetByLabel("Remove wave 2").ClickAsync();
        await Expect(dialog.GetByTestId("campaign-wave-row")).ToHaveCountAsync(2);
        await dialog.GetByLabel("Wave 1 share of the population in percent").FillAsync("50");
        await dialog.GetByLabel("Wave 1 soak window in minutes").FillAsync("120");
        // The theme switch sits behind the open dialog: the form is photographed in the light theme.
        await PortalAndBrowser.ScreenshotAsync(page, "campaign-new");
        await dialog.GetByTestId("save-campaign").ClickAsync();

        await page.WaitForURLAsync(new Regex(@"/firmware/campaigns/\d+$"));
        var id = int.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        await Expect(page.GetByTestId("campaign-status")).ToHaveTextAsync("Draft");
        await Expect(page.GetByTestId("campaign-wave")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("campaign-target")).ToContainTextAsync(hash);

        await page.GetByTestId("campaign-start").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("campaign-status")).ToHaveTextAsync("Running");

        // The job sends the first wave out; the vehicles report downloading, then installing the target. The page follows.
        await kit.AdvanceAsync(id);
        await Expect(page.GetByTestId("campaign-wave").First.GetByTestId("campaign-wave-state")).ToHaveTextAsync("Going out");
        Assert.Equal(10, await kit.PlayVehiclesAsync(vins));
        await kit.AdvanceAsync(id);
        await Expect(page.GetByTestId("campaign-wave").First.GetByTestId("campaign-wave-installed")).ToContainTextAsync("10 (100 %");
        await page.GetByTestId("campaign-vehicle-status-filter").ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { Name = "Installed", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("campaign-vehicle-status")).ToHaveCountAsync(10);

        // Every updated vehicle raises a fault alarm during the soak; one of the others does.
        var installed = (await kit.AsAdminAsync(sp => sp.GetRequiredService<ListCampaignVehicles>()
            .HandleAsync(new CampaignVehicleQuery(id, CampaignVehicleStatus.Installed)))).Items.Select(v => v.Vin).ToList();
        kit.Clock.Advance(TimeSpan.FromMinutes(10));
        await CampaignScenarios.RaiseFaultsAsync(portal, installed.Append(vins.Except(installed).First()).ToList(), kit.Clock.GetUtcNow());
        await kit.AdvanceAsync(id);

        await Expect(page.GetByTestId("campaign-status")).ToHaveTextAsync("Paused");
        await Expect(page.GetByTestId("campaign-status-reason")).ToContainTextAsync("Health gate");
        await Expect(page.GetByTestId("campaign-health-check")).ToHaveAttributeAsync("data-passed", "false");
        await Expect(page.GetByTestId("campaign-health-chart").Locator("rect.arc-chart-bar-failed")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("campaign-transition").Filter(new() { HasText = "Running → Paused" })).ToContainTextAsync("Health gate");
        await ScreenshotBothThemesAsync(page, "campaign-paused-by-health-gate", fullPage: true);

        // Resuming after the gate asks why; the reason is kept in the history.
        await page.GetByTestId("campaign-resume").ClickAsync();
        var reason = page.GetByRole(AriaRole.Dialog);
        await Expect(reason.GetByTestId("campaign-reason-confirm")).ToBeDisabledAsync();
        await reason.Locator("#campaign-reason").FillAsync("Inverter faults traced to a test bench; accepted");
        await reason.GetByTestId("campaign-reason-confirm").ClickAsync();
        await Expect(page.GetByTestId("campaign-status")).ToHaveTextAsync("Running");
        await Expect(page.GetByTestId("campaign-transition").Filter(new() { HasText = "Paused → Running" })).ToContainTextAsync("Inverter faults traced to a test bench");

        await page.GotoAsync("firmware/campaigns");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
        await ScreenshotBothThemesAsync(page, "campaign-list");
    }

    [Fact]
    public async Task An_engineer_retries_the_vehicles_that_failed_and_then_rolls_the_campaign_back_to_a_new_draft()
    {
        var portal = Fixture.Portal;
        var kit = new CampaignTestData(portal);
        // The build the vehicles ran before, which a rollback goes back to, and the campaign's target.
        var (_, previousHash) = await kit.ReleaseAsync(DateTimeOffset.UtcNow.AddDays(-30));
        var (releaseId, _) = await kit.ReleaseAsync(DateTimeOffset.UtcNow.AddDays(-1));
        var (fleetId, vins) = await kit.FleetAsync(6);
        var name = $"Retry {Guid.NewGuid():N}"[..16];
        var id = await kit.AsAdminAsync(sp => sp.GetRequiredService<CreateCampaign>().HandleAsync(new CampaignDraft(name, [releaseId],
            new CampaignPopulation(PopulationKind.Fleet, fleetId), [new WaveDraft(100, null, 95, 60)])));
        await kit.AsAdminAsync(sp => sp.GetRequiredService<StartCampaign>().HandleAsync(id));
        await kit.AdvanceAsync(id);
        // Two vehicles fail to flash; the other four install.
        Assert.Equal(6, await kit.PlayVehiclesAsync(vins, vins.Take(2).ToHashSet()));

        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync($"firmware/campaigns/{id}");
        await Expect(page.GetByTestId("campaign-wave").First.GetByTestId("campaign-wave-installed")).ToContainTextAsync("4 (67 %");
        var retry = page.GetByTestId("campaign-retry");
        await Expect(retry).ToHaveTextAsync("Retry 2 failed");
        await retry.ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Retry", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Failed vehicles queued again.")).ToBeVisibleAsync();
        await Expect(retry).ToHaveCountAsync(0);
        // Queued again, and sent out again at once by the job the retry starts: no vehicle is left failed.
        await page.GetByTestId("campaign-vehicle-status-filter").ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { Name = "Failed", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("no-campaign-vehicles")).ToBeVisibleAsync();

        // This time the two install, and the page follows without a reload.
        await kit.AdvanceAsync(id);
        Assert.Equal(2, await kit.PlayVehiclesAsync(vins.Take(2).ToList()));
        await Expect(page.GetByTestId("campaign-wave").First.GetByTestId("campaign-wave-installed")).ToContainTextAsync("6 (100 %");

        // Rolling back makes a new draft for the vehicles this campaign updated, named after it.
        await page.GetByTestId("campaign-rollback").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Create rollback", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("campaign-action-error")).ToHaveCountAsync(0);
        await Expect(page).ToHaveURLAsync(new Regex($@"/firmware/campaigns/(?!{id}$)\d+$"));
        await Expect(page.GetByTestId("campaign-status")).ToHaveTextAsync("Draft");
        await Expect(page.GetByTestId("campaign-population")).ToHaveTextAsync($"Vehicles another campaign updated {name}");
        await Expect(page.GetByTestId("campaign-target")).ToContainTextAsync(previousHash);
        await Expect(page.GetByTestId("campaign-rolls-back")).ToHaveTextAsync(name);
        await Expect(page.GetByTestId("campaign-start")).ToBeVisibleAsync();
        await ScreenshotBothThemesAsync(page, "campaign-rollback-draft");
    }
}
