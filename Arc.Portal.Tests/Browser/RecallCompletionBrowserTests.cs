using System.Globalization;
using System.Text;
using Arc.Domain.Recalls;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>Issue 16 item 5: a recall's completion panel, its quarterly report generated, counted and downloaded as CSV.</summary>
public sealed class RecallCompletionBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task The_completion_panel_generates_the_last_quarters_report_with_its_counts_and_downloads_it()
    {
        var portal = Fixture.Portal;
        var (id, number) = await RecallTestData.CreateAsync(portal, $"Completion brake fittings {Guid.NewGuid():N}"[..34], RemedyType.DealerRepair);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (year, quarter) = RecallQuarter.Previous(today);
        var end = RecallQuarter.End(year, quarter);
        var vins = Enumerable.Range(0, 4).Select(_ => RecallTestData.NewVin()).ToList();
        RecallVehicleEvent E(int i, RecallVehicleState state, DateOnly on) => new()
        {
            RecallId = id, Vin = vins[i], State = state, EffectiveOn = on, RecordedAt = DateTimeOffset.UtcNow, RecordedBy = "history",
        };
        await using (var db = portal.CreateDb())
        {
            db.Set<RecallVehicleEvent>().AddRange(vins.Select((_, i) => E(i, RecallVehicleState.Open, end.AddDays(-60))));
            db.Set<RecallVehicleEvent>().AddRange(E(0, RecallVehicleState.Remedied, end.AddDays(-10)), E(1, RecallVehicleState.Inspected, end),
                E(2, RecallVehicleState.Remedied, end.AddDays(1)), E(3, RecallVehicleState.Removed, end.AddDays(-5)));
            await db.SaveChangesAsync();
        }

        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync($"recalls/{id}");
        var panel = page.GetByTestId("recall-completion");
        // Today the vehicle remedied after the quarter's end counts as remedied too.
        await Expect(panel.GetByTestId("completion-percent")).ToHaveTextAsync("100.0 %");
        await Expect(panel.GetByTestId("completion-open")).ToHaveTextAsync("0");
        await Expect(panel.GetByTestId("no-reports")).ToBeVisibleAsync();

        await panel.GetByTestId("generate-report").ClickAsync();
        var row = panel.GetByTestId($"report-{year}-q{quarter}");
        await Expect(row.GetByTestId("report-percent")).ToHaveTextAsync("66.7 %");
        foreach (var (cell, count) in new[] { ("involved", "3"), ("remedied", "1"), ("inspected", "1"), ("unreachable", "0"), ("removed", "1"), ("open", "1") })
            await Expect(row.GetByTestId($"report-{cell}")).ToHaveTextAsync(count);
        // The app bar is fixed: a full-page picture is taken from the top, with nothing focused.
        await page.EvaluateAsync("() => { window.scrollTo(0, 0); document.activeElement?.blur(); }");
        await ScreenshotBothThemesAsync(page, "recall-completion", fullPage: true);

        var download = await page.RunAndWaitForDownloadAsync(() => panel.GetByTestId("download-reports").ClickAsync());
        Assert.Equal($"recall-{number}-quarterly-reports.csv", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', ExportRecallQuarterReports.Header), lines[0]);
        Assert.StartsWith($"{number},{year} Q{quarter},{end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)},3,1,1,0,0,0,0,0,1,1,66.7,", lines[1],
            StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);

        // The population dialog shows what a query matches before anything is added; cancelled, nothing is.
        await RecallTestData.AddVehiclesAsync(portal, 2);
        await panel.GetByTestId("open-population").ClickAsync();
        await page.Locator("#population-model-year").FillAsync("2025");
        await page.GetByTestId("population-preview").ClickAsync();
        await Expect(page.GetByTestId("population-result")).ToContainTextAsync("match");
        await Expect(page.GetByTestId("population-vins").Locator("li")).Not.ToHaveCountAsync(0);
        // The dialog's overlay covers the theme switch: the dialog is seen in the light theme only.
        await PortalAndBrowser.ScreenshotAsync(page, "recall-population-dialog", fullPage: false);
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(page.GetByTestId("population-form")).ToHaveCountAsync(0);
        await Expect(panel.GetByTestId("completion-involved")).ToHaveTextAsync("3");
    }
}
