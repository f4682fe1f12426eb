using System.Text.RegularExpressions;
using Arc.Domain.Permissions;
using Arc.Domain.Recalls;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>Issue 16, the recall pages: a recall desk creates a campaign with its remedy, finds it, edits it and deletes it.</summary>
public sealed class RecallBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    /// <summary>Signs in a staff member who holds the recall permissions and nothing about vehicles.</summary>
    private async Task<IPage> RecallDeskAsync()
    {
        var portal = Fixture.Portal;
        var email = $"recall-desk-{Guid.NewGuid():N}@arc.test";
        var username = await portal.CreateUserAsync(email);
        await portal.AddToGroupAsync(username, await portal.CreateGroupAsync($"Recall desk {Guid.NewGuid():N}",
            Perm.RecallRead, Perm.RecallCreate, Perm.RecallEdit, Perm.RecallDelete));
        return await Fixture.SignInAsync(email, PortalServer.UserPassword);
    }

    private async Task<int> RecallCountAsync(string title)
    {
        await using var db = Fixture.Portal.CreateDb();
        return await db.Set<Recall>().CountAsync(r => r.Title == title);
    }

    private static async Task OpenListAsync(IPage page, string address)
    {
        await page.GotoAsync(address);
        // The count under the title appears once the page is live: typing before that would be lost.
        await Expect(page.Locator("h1 + p").Filter(new() { HasTextRegex = new Regex(@"\d+ recalls?$") })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_recall_desk_creates_a_recall_with_its_remedy_finds_it_edits_it_and_deletes_it()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var title = $"Rear brake line fittings {tag}";
        var stored = await RecallTestData.FreeNumberAsync(Fixture.Portal);
        var number = $"{stored[..3]}-{stored[3..6]}"; // the short form a person types, stored in full
        var page = await RecallDeskAsync();
        await OpenListAsync(page, "recalls");
        await Expect(page.GetByTestId("nav-recalls")).ToBeVisibleAsync();
        await ScreenshotBothThemesAsync(page, "recalls-list");

        await page.GetByTestId("new-recall").ClickAsync();
        await page.Locator("#recall-nhtsa").FillAsync(number);
        await page.Locator("#recall-manufacturer-number").FillAsync($"=AR{tag}");
        await page.Locator("#recall-title").FillAsync(title);
        await page.Locator("#recall-description").FillAsync("The rear brake line fittings may loosen over time and leak brake fluid.");
        await page.Locator("#recall-component").FillAsync("Service brakes, hydraulic");
        await page.Locator("#recall-safety-description").FillAsync("A leak reduces braking and raises the risk of a crash.");
        await page.Locator("#recall-determined").FillAsync("2023-11-20");
        await page.Locator("#recall-reported").FillAsync("2023-11-27");
        await page.GetByText("Do not drive: owners are told").ClickAsync();
        // The dialog's overlay covers the theme switch: the dialog is seen in the light theme only.
        await PortalAndBrowser.ScreenshotAsync(page, "recall-new-dialog", fullPage: false);
        await page.GetByTestId("save-recall").ClickAsync();

        await page.WaitForURLAsync(new Regex(@"/recalls/\d+$"));
        var id = int.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        await Expect(page.Locator("h1")).ToHaveTextAsync(title);
        await Expect(page.GetByTestId("recall-nhtsa")).ToContainTextAsync(stored);
        await Expect(page.GetByTestId("recall-do-not-drive-alert")).ToBeVisibleAsync();

        await page.GetByTestId("add-remedy").ClickAsync();
        await page.GetByText("Over the air and dealer repair").ClickAsync();
        await page.Locator("#remedy-description").FillAsync("Replace both fittings and bleed the brakes; a software update warns of low fluid.");
        await ScreenshotBothThemesAsync(page, "recall-remedy-form");
        await page.GetByTestId("save-remedy").ClickAsync();
        await Expect(page.GetByTestId("remedy-type-value")).ToHaveTextAsync("Over the air and dealer repair");
        await ScreenshotBothThemesAsync(page, "recall-page", fullPage: true);

        await OpenListAsync(page, "recalls?q=" + Uri.EscapeDataString(tag));
        var rows = page.Locator("[data-testid=recall-table] tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync(title);
        await Expect(rows.First).ToContainTextAsync("Over the air and dealer repair");
        await ScreenshotBothThemesAsync(page, "recalls-list-found");
        var lines = await ListBrowserTests.ExportAsync(page);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("Id,NHTSA number,Manufacturer's number,Title,", lines[0], StringComparison.Ordinal);
        // A value a spreadsheet would run as a formula is written as text.
        Assert.StartsWith($"{id},{stored},'=AR{tag},{title},USA,", lines[1], StringComparison.Ordinal);

        await rows.First.GetByRole(AriaRole.Link).ClickAsync();
        await page.GetByTestId("edit-recall").ClickAsync();
        await page.Locator("#recall-title").FillAsync(title + ", rear axle");
        await page.GetByText("Park outside: a fire risk").ClickAsync();
        await PortalAndBrowser.ScreenshotAsync(page, "recall-edit-dialog", fullPage: false);
        await page.GetByTestId("save-recall").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(title + ", rear axle");
        await Expect(page.GetByTestId("recall-park-outside-alert")).ToBeVisibleAsync();

        await page.GetByTestId("delete-recall").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/recalls$"));
        await OpenListAsync(page, "recalls?q=" + Uri.EscapeDataString(tag));
        await Expect(page.GetByTestId("no-recalls")).ToBeVisibleAsync();
        await page.GetByText("Show deleted").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"deleted=true"));
        await Expect(rows.First.GetByTestId("recall-deleted-chip")).ToBeVisibleAsync();

        await using var db = Fixture.Portal.CreateDb();
        var recall = await db.Set<Recall>().AsNoTracking().SingleAsync(r => r.Id == id);
        Assert.Equal((RecallStatus.Deleted, title + ", rear axle", true, true, $"=AR{tag}"),
            (recall.Status, recall.Title, recall.DoNotDrive, recall.ParkOutside, recall.ManufacturerNumber));
        Assert.Equal(new DateOnly(2023, 11, 27), recall.ReportSubmittedDate);
        Assert.Equal(RemedyType.Both, (await db.Set<RecallRemedy>().AsNoTracking().SingleAsync(m => m.RecallId == id)).Type);
    }

    [Fact]
    public async Task A_bad_campaign_number_shows_its_message_and_creates_nothing()
    {
        var title = "Seat belt anchor " + Guid.NewGuid().ToString("N")[..6];
        var page = await RecallDeskAsync();
        await OpenListAsync(page, "recalls");

        await page.GetByTestId("new-recall").ClickAsync();
        await page.Locator("#recall-nhtsa").FillAsync("23V-86");
        await page.Locator("#recall-title").FillAsync(title);
        await page.Locator("#recall-description").FillAsync("The anchor bolt may be under-torqued.");
        await page.Locator("#recall-safety-description").FillAsync("A belt may not hold in a crash.");
        await page.GetByTestId("save-recall").ClickAsync();
        await Expect(page.GetByTestId("recall-form")).ToContainTextAsync(
            "An NHTSA campaign number is a two-digit year, a type letter (V, E, T or C) and a three-digit sequence, such as 23V862000 or 23V-862.");
        await Expect(page.Locator("#recall-nhtsa")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator(".mud-input-error:has(#recall-nhtsa)").First).ToBeVisibleAsync();
        await PortalAndBrowser.ScreenshotAsync(page, "recall-new-bad-number", fullPage: false);

        await page.Locator("#recall-nhtsa").FillAsync("65V-001");
        await page.GetByTestId("save-recall").ClickAsync();
        await Expect(page.GetByTestId("recall-form")).ToContainTextAsync("The campaign number's year 2065 lies in the future.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("recall-form")).Not.ToBeVisibleAsync();
        Assert.Equal(0, await RecallCountAsync(title));
        Assert.EndsWith("/recalls", page.Url, StringComparison.Ordinal);
    }
}
