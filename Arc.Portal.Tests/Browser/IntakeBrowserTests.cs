using System.Text;
using Arc.Domain.Intake;
using Arc.Portal.Tests.Integration.Intake;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>Issue 14: the intake page accounts for what vehicles sent, says why a message was refused, and lets a dead letter be discarded.</summary>
public sealed class IntakeBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task The_intake_page_counts_a_vehicles_messages_and_shows_a_refusal_with_its_reason()
    {
        var portal = Fixture.Portal;
        var vin = await IntakeTestData.NewVehicleAsync(portal);
        var pipeline = portal.Services.GetRequiredService<IIntakePipeline>();
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("intake");
        await Expect(page.GetByTestId("intake-periods")).ToBeVisibleAsync();

        Assert.Equal(IntakeResult.Written, (await pipeline.SendAsync(IntakeTestData.Message(IntakeTestData.Body(vin, (DateTimeOffset.UtcNow.AddSeconds(-2), 55))))).Result);
        var refused = IntakeTestData.Message($"{{\"vin\":\"{vin}\",\"data\":[{{\"bms_pack_soc\":1,\"timestamp\":\"{IntakeTestData.Stamp(DateTimeOffset.UtcNow.AddHours(3))}\"}}]}}");
        Assert.Equal(IntakeResult.Refused, (await pipeline.SendAsync(refused)).Result);

        // The counts arrive with the next flush, live.
        await page.GetByLabel("VIN contains").First.FillAsync(vin[^6..]);
        var row = page.GetByTestId("intake-vehicles").Locator("tbody tr", new() { HasText = vin });
        await Expect(row).ToContainTextAsync(vin, new() { Timeout = 15_000 });
        await Expect(row.Locator("td[data-label='Received']")).ToHaveTextAsync("2", new() { Timeout = 15_000 });
        await Expect(row.Locator("td[data-label='Written']")).ToHaveTextAsync("1");
        await Expect(row.Locator("td[data-label='Refused']")).ToHaveTextAsync("1");
        await ScreenshotBothThemesAsync(page, fullPage: true, name: "intake");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Refusals" }).ClickAsync();
        var refusal = page.GetByTestId("intake-refusals").Locator("tbody tr", new() { HasText = vin }).First;
        await Expect(refusal).ToContainTextAsync("ahead of the portal's clock");
    }

    [Fact]
    public async Task A_dead_letter_is_discarded_after_a_confirmation()
    {
        var portal = Fixture.Portal;
        var vin = await IntakeTestData.NewVehicleAsync(portal);
        await using (var db = portal.CreateDb())
        {
            db.Add(new IntakeDeadLetter
            {
                At = DateTimeOffset.UtcNow, Source = "mqtt", MessageId = Guid.NewGuid().ToString("N"), Vin = vin, Reason = "The telemetry store did not accept the write.",
                Body = Encoding.UTF8.GetBytes(IntakeTestData.Body(vin, (DateTimeOffset.UtcNow, 1))), Attempts = 5,
            });
            await db.SaveChangesAsync();
        }
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("intake");
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Dead letters") }).ClickAsync();
        var row = page.GetByTestId("dead-letters").Locator("tbody tr", new() { HasText = vin });
        await Expect(row).ToContainTextAsync("did not accept the write");

        await row.GetByRole(AriaRole.Button, new() { Name = "Discard" }).ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(1);
        await row.GetByRole(AriaRole.Button, new() { Name = "Discard" }).ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Discard" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        await using var check = portal.CreateDb();
        Assert.Equal(DeadLetterStatus.Discarded, check.Set<IntakeDeadLetter>().Single(d => d.Vin == vin).Status);
    }
}
