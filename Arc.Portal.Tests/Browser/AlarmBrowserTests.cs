using Arc.Domain.Alarms;
using Arc.Domain.Intake;
using Arc.Domain.Telemetry;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>Issue 14: telemetry that breaks a rule shows up as an alarm in the centre, live, and is acknowledged and cleared there.</summary>
public sealed class AlarmBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static readonly string Vin = "DEV-" + DemoData.MakeVin('D', 'L', 163);

    [Fact]
    public async Task An_alarm_raised_by_telemetry_appears_in_the_centre_and_is_acknowledged_and_cleared()
    {
        var portal = Fixture.Portal;
        var name = "Pack nearly empty " + Guid.NewGuid().ToString("N")[..4];
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
        {
            await scope.ServiceProvider.GetRequiredService<CreateAlarmRule>().HandleAsync(new AlarmRuleDraft(name, AlarmRuleKinds.Threshold,
                AlarmSeverities.Critical, "bms_pack_soc", ThresholdOperators.Below, 10, 60, 15, WebhookUrl: null));
        }
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("alarms");
        await Expect(page.GetByTestId("alarm-table")).ToBeVisibleAsync();

        // Written as the intake writes it: into the store, then the batch to its observers.
        var now = DateTimeOffset.UtcNow;
        var samples = new[] { now.AddSeconds(-90), now.AddSeconds(-20) }
            .Select(t => new TelemetrySample(Vin, t, new Dictionary<string, double> { ["bms_pack_soc"] = 7 })).ToList();
        await portal.Services.GetRequiredService<ITelemetryStore>().WriteAsync(samples);
        var engine = portal.Services.GetRequiredService<AlarmEngine>();
        await Eventually.ReturnsAsync(async () =>
        {
            await engine.OnBatchWrittenAsync(new IntakeBatch(samples, new Dictionary<string, int> { [Vin] = 2 }, now), CancellationToken.None);
            await using var db = portal.CreateDb();
            return db.Set<Alarm>().Any(a => a.Vin == Vin && a.Rule!.Name == name);
        }, raised => raised, TimeSpan.FromSeconds(10), "the rule raising its alarm");

        var row = page.GetByTestId("alarm-table").Locator("tbody tr", new() { HasText = name });
        await Expect(row).ToContainTextAsync(Vin);
        await Expect(row.GetByTestId("alarm-status")).ToContainTextAsync("Active, unacknowledged");
        await Expect(page.GetByTestId("alarm-badge")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("[1-9]"));
        await ScreenshotBothThemesAsync(page, "alarms-centre");

        await row.GetByTestId("acknowledge").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Acknowledge", Exact = true }).ClickAsync();
        await Expect(row.GetByTestId("alarm-status")).ToContainTextAsync("Active, acknowledged");

        await row.GetByTestId("clear").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Clear", Exact = true }).ClickAsync();
        // The centre shows active alarms by default: the cleared one leaves the list, and reads as cleared when asked for.
        await Expect(row).ToHaveCountAsync(0);
        await page.GotoAsync($"alarms?vin={Vin}&status=cleared_ack");
        await Expect(page.GetByTestId("alarm-table").Locator("tbody tr", new() { HasText = name }).GetByTestId("alarm-status")).ToContainTextAsync("Cleared, acknowledged");

        await page.GotoAsync("alarms/rules");
        await Expect(page.GetByTestId("alarm-rules")).ToContainTextAsync(name);
        await page.GetByTestId("new-rule").ClickAsync();
        await page.GetByTestId("save-rule").ClickAsync();
        await Expect(page.GetByTestId("alarm-rule-form")).ToContainTextAsync("A rule needs a name.");
        // The open dialog covers the theme toggle: the form is looked at in the light theme.
        await PortalAndBrowser.ScreenshotAsync(page, "alarm-rule-form", fullPage: false);
    }

    private static async Task ScreenshotBothThemesAsync(IPage page, string name)
    {
        await PortalAndBrowser.ScreenshotAsync(page, name, fullPage: false);
        var body = page.Locator("body");
        var light = await body.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        await page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(body).Not.ToHaveCSSAsync("background-color", light);
        await PortalAndBrowser.ScreenshotAsync(page, name + "-dark", fullPage: false);
        await page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(body).ToHaveCSSAsync("background-color", light);
    }
}
