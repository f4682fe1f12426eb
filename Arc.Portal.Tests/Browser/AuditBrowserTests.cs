using System.Text.RegularExpressions;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>Issue 13: the audit log and a vehicle's History read as fields and values, link to the entity and find a VIN typed bare.</summary>
public sealed class AuditBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string Note = "Said \"stop\" <now> & café";
    private static readonly string Bare = DemoData.MakeVin('D', 'L', 159);
    private static readonly string Vin = "DEV-" + Bare;

    [Fact]
    public async Task A_note_with_quotes_reads_as_fields_its_vehicle_is_linked_and_the_bare_vin_finds_it()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync($"vehicles/{Vin}?tab=notes");
        await page.FillAsync("#note-content", Note + " " + new string('x', 50));
        await page.FillAsync("#note-tags", "brakes");
        await page.GetByTestId("add-note").ClickAsync();
        await Expect(page.GetByTestId("notes-list")).ToContainTextAsync(Note);

        await page.GetByRole(AriaRole.Tab, new() { Name = "History" }).ClickAsync();
        var history = page.GetByTestId("audit-table").Locator("tbody tr", new() { HasText = "note.created" });
        await ExpectReadableAsync(history);
        await AssertFitsAsync(page);
        await ScreenshotBothThemesAsync(page, "vehicle-history-readable");

        await page.GotoAsync("audit");
        // Typed before the page's circuit is connected, the text reaches no handler; a person would type it again.
        var filtered = new Regex($"/audit\\?entityId={Bare.ToLowerInvariant()}$");
        for (var attempt = 0; attempt < 3 && !filtered.IsMatch(page.Url); attempt++)
        {
            await page.FillAsync("#audit-entity", "");
            await page.FillAsync("#audit-entity", Bare.ToLowerInvariant());
            try
            {
                await Expect(page).ToHaveURLAsync(filtered, new() { Timeout = 5_000 });
            }
            catch (PlaywrightException)
            {
                // Not filtered yet: type it again.
            }
        }
        await Expect(page).ToHaveURLAsync(filtered);
        var rows = page.Locator("[data-testid=audit-log] tbody tr");
        var note = rows.Filter(new() { HasText = "note.created" });
        await Expect(note).ToHaveCountAsync(1);
        await ExpectReadableAsync(note);
        Assert.All(await rows.AllInnerTextsAsync(), row => Assert.Contains(Vin, row, StringComparison.Ordinal));
        await AssertFitsAsync(page);
        await ScreenshotBothThemesAsync(page, "audit-log-readable");

        await note.GetByTestId("audit-entity").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/vehicles/{Vin}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = Vin })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_period_field_shows_full_dates_and_a_narrow_window_does_not_overflow()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.GotoAsync($"audit?from=2026-01-02&to={today}");

        var dates = page.Locator(".mud-picker input");
        await Expect(dates.Nth(0)).ToHaveValueAsync("2026-01-02");
        await Expect(dates.Nth(1)).ToHaveValueAsync(today);
        await Expect(page.GetByTestId("audit-log")).ToContainTextAsync("user.signed_in");
        // The whole date is visible in its box, not cut by the field's width.
        Assert.True(await dates.Nth(0).EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"), "The start date does not fit its field.");
        await ScreenshotBothThemesAsync(page, "audit-log-period");

        await page.SetViewportSizeAsync(820, 900);
        await PortalAndBrowser.ScreenshotAsync(page, "audit-log-period-narrow", fullPage: false);
        await AssertFitsAsync(page);
    }

    private static async Task ExpectReadableAsync(ILocator row)
    {
        var change = row.GetByTestId("audit-change");
        await Expect(change.Locator("dt", new() { HasText = "preview" })).ToBeVisibleAsync();
        await Expect(change.Locator("dd[data-kind=text]")).ToContainTextAsync(Note);
        // The note's id, then its length.
        await Expect(change.Locator("dd[data-kind=number]")).ToHaveTextAsync([new Regex("^[0-9]+$"), new Regex("^75$")]);
        await Expect(change.Locator("dd[data-kind=json]")).ToHaveTextAsync("[\"brakes\"]");
        Assert.DoesNotContain("\\u00", await row.InnerTextAsync(), StringComparison.Ordinal);
    }

    /// <summary>Neither the page nor a table scrolls sideways (long values wrap); else says which is too wide.</summary>
    private static async Task AssertFitsAsync(IPage page)
    {
        var tooWide = await page.EvaluateAsync<string[]>("""
            [document.documentElement, ...[...document.querySelectorAll('table')].map(t => t.parentElement)]
                .filter(e => e.scrollWidth > e.clientWidth).map(e => `${e.className}: ${e.scrollWidth} > ${e.clientWidth}`)
            """);
        Assert.True(tooWide.Length == 0, "Wider than the window: " + string.Join("; ", tooWide));
    }
}
