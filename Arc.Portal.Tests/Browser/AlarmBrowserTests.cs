using Arc.Domain.Alarms;
using Arc.Domain.Intake;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>Issue 14: telemetry that breaks a rule shows up as an alarm in the centre, live, and is acknowledged and cleared there.</summary>
public sealed class AlarmBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task An_alarm_raised_by_telemetry_appears_in_the_centre_and_is_acknowledged_and_cleared()
    {
        var portal = Fixture.Portal;
        var vin = await Integration.Intake.IntakeTestData.NewVehicleAsync(portal);
        var name = "Pack nearly empty " + Guid.NewGuid().ToString("N")[..4];
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
        {
            await scope.ServiceProvider.GetRequiredService<CreateAlarmRule>().HandleAsync(new AlarmRuleDraft(name, AlarmRuleKinds.Threshold,
                AlarmSeverities.Critical, "bms_pack_soc", ThresholdOperators.Below, 10, 60, 15, WebhookUrl: null));
        }
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync($"vehicles/{vin}?tab=telemetry");
        await Expect(page.GetByTestId("card-soc")).ToHaveTextAsync("—");

        // The vehicle reports through the intake, as a vehicle does: its card moves, live, and the rule raises its alarm.
        var now = DateTimeOffset.UtcNow;
        var body = $"{{\"vin\":\"{vin}\",\"data\":[" + string.Join(",", new[] { now.AddSeconds(-90), now.AddSeconds(-20) }.Select(t =>
            $"{{\"bms_pack_soc\":7.5,\"speed\":0,\"timestamp\":\"{t.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff}\"}}")) + "]}";
        var pipeline = portal.Services.GetRequiredService<IIntakePipeline>();
        var outcome = await await pipeline.EnqueueAsync(new IntakeMessage(IntakeSource.Mqtt, Guid.NewGuid().ToString("N"), IntakeTopics.Telemetry(vin),
            System.Text.Encoding.UTF8.GetBytes(body), now));
        Assert.Equal(IntakeResult.Written, outcome.Result);
        await Expect(page.GetByTestId("card-soc")).ToHaveTextAsync("7.5 %", new() { Timeout = 20_000 });

        await page.GotoAsync("alarms");
        await Expect(page.GetByTestId("alarm-table")).ToBeVisibleAsync();
        var row = page.GetByTestId("alarm-table").Locator("tbody tr", new() { HasText = name });
        await Expect(row).ToContainTextAsync(vin);
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
        await page.GotoAsync($"alarms?vin={vin}&status=cleared_ack");
        await Expect(page.GetByTestId("alarm-table").Locator("tbody tr", new() { HasText = name }).GetByTestId("alarm-status")).ToContainTextAsync("Cleared, acknowledged");

        await page.GotoAsync("alarms/rules");
        await Expect(page.GetByTestId("alarm-rules")).ToContainTextAsync(name);
        await page.GetByTestId("new-rule").ClickAsync();
        await page.GetByTestId("save-rule").ClickAsync();
        await Expect(page.GetByTestId("alarm-rule-form")).ToContainTextAsync("A rule needs a name.");
        // The open dialog covers the theme toggle: the form is looked at in the light theme.
        await PortalAndBrowser.ScreenshotAsync(page, "alarm-rule-form", fullPage: false);
    }

    [Fact]
    public async Task A_person_subscribes_to_a_models_alarms_on_their_profile_sees_it_listed_and_removes_it()
    {
        string model;
        await using (var db = Fixture.Portal.CreateDb())
            model = await db.ModelSet.OrderBy(m => m.ModelName).Select(m => m.ModelName).FirstAsync();
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("profile");
        var section = page.GetByTestId("notifications");
        await Expect(section.GetByTestId("no-subscriptions")).ToBeVisibleAsync();

        // Opened from the keyboard: the form's first field takes the focus.
        await section.GetByTestId("add-subscription").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await section.GetByTestId("subscription-severity").ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { Name = "Critical only", Exact = true }).ClickAsync();
        await section.GetByTestId("subscription-scope").ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { Name = "One model", Exact = true }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open [role=option]")).ToHaveCountAsync(0);
        await section.GetByTestId("save-subscription").ClickAsync();
        await Expect(section.GetByTestId("subscription-form")).ToContainTextAsync("Choose one of the models listed.");
        await ScreenshotBothThemesAsync(page, "profile-notifications-form");
        await section.GetByTestId("subscription-target").ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { Name = model, Exact = true }).ClickAsync();
        // The list closes once the circuit has taken the choice; saving before that would save the form without it.
        await Expect(page.Locator(".mud-popover-open [role=option]")).ToHaveCountAsync(0);
        await section.GetByTestId("save-subscription").ClickAsync();

        var row = section.GetByTestId("subscription-row");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Critical only");
        await Expect(row).ToContainTextAsync("Model " + model);
        await Expect(section.GetByTestId("subscription-form")).ToHaveCountAsync(0);
        await section.ScrollIntoViewIfNeededAsync();
        await ScreenshotBothThemesAsync(page, "profile-notifications");

        await row.GetByTestId("remove-subscription").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Remove", Exact = true }).ClickAsync();
        await Expect(section.GetByTestId("no-subscriptions")).ToBeVisibleAsync();
        await Expect(row).ToHaveCountAsync(0);
    }
}
