using System.Text;
using System.Text.RegularExpressions;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>Filling a bulk file from the page's template and release list; a job's rows kept in the address and exported.</summary>
public sealed class BulkFileBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static async Task<IPage> OpenBulkPageAsync(PortalAndBrowser fixture)
    {
        var page = await fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("vehicles/provision/bulk");
        // The page has rendered twice (recent files loaded), so the file input is wired to the circuit.
        await Expect(page.GetByTestId("no-bulk-jobs").Or(page.GetByTestId("bulk-jobs"))).ToBeVisibleAsync();
        return page;
    }

    private static Task UploadAsync(IPage page, string name, string csv) =>
        page.GetByTestId("bulk-file").ChooseFileAsync(new FilePayload { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });

    [Fact]
    public async Task The_downloaded_template_names_every_column_and_with_a_fresh_vin_it_is_accepted_showing_the_release_name()
    {
        var page = await OpenBulkPageAsync(Fixture);
        await Expect(page.GetByTestId("bulk-releases").Locator("tbody tr")).ToHaveCountAsync(ReferenceData.Releases.Count);
        await PortalAndBrowser.ScreenshotAsync(page, "bulk-page");
        await page.GetByTestId("theme-toggle").ClickAsync();
        await PortalAndBrowser.ScreenshotAsync(page, "bulk-page-dark");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("bulk-template").ClickAsync());
        Assert.Equal("bulk-provisioning-template.csv", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3));
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["vin,model_release_id,model_release,heated_seats,heated_grips,stereo_enabled,managed_session_mode"], lines.Take(1));
        var example = lines[1].Split(',');
        Assert.Equal(7, example.Length);
        Assert.Matches("^DEV-7F7A[A-Z][A-Z0-9]{12}$", example[0]);
        // The example's release is one the page lists, under the same name.
        await Expect(page.GetByTestId($"release-{example[1]}")).ToContainTextAsync(example[2]);

        var fresh = DemoData.MakeVin(example[0][8], 'P', 86_001);
        await UploadAsync(page, "from-template.csv", lines[0] + "\r\n" + lines[1].Replace(example[0], fresh, StringComparison.Ordinal) + "\r\n");
        await Expect(page.GetByTestId("bulk-dry-run")).ToContainTextAsync("1 vehicle will be provisioned");
        await Expect(page.GetByTestId("release-2")).ToContainTextAsync($"{example[2]} · id {example[1]}");
    }

    [Fact]
    public async Task A_jobs_row_filter_and_sort_survive_a_reload_and_the_export_holds_what_the_list_shows()
    {
        var vins = Enumerable.Range(0, 5).Select(i => DemoData.MakeVin('T', 'P', 86_100 + i)).ToList();
        var csv = string.Join("\n", "vin,model_release,heated_seats",
            $"{vins[0]},FUV: KERS Sensor,true",
            $"{vins[1]},fuv: discoboard,false",
            "=HYPERLINK(\"http://evil.test\"),FUV: KERS Sensor,false",
            $"{vins[2]},No Such Release,false",
            $"{vins[3]},FUV: KERS Sensor,false",
            $"DEV-{vins[3]},FUV: KERS Sensor,false",
            $"{vins[4]},FUV: Original Manufactured,false") + "\n";
        var page = await OpenBulkPageAsync(Fixture);
        await UploadAsync(page, "rows.csv", csv);
        await Expect(page.GetByTestId("count-rejected")).ToHaveTextAsync("4");
        var job = new Uri(page.Url).AbsolutePath;
        await Expect(page.GetByTestId("release-2")).ToContainTextAsync("FUV: KERS Sensor · id 3");
        await Expect(page.GetByTestId("release-3")).ToContainTextAsync("FUV: Discoboard · id 2");
        await Expect(page.GetByTestId("row-5")).ToContainTextAsync("No model release is named 'No Such Release'");
        await Expect(page.GetByTestId("row-6")).ToContainTextAsync($"VIN DEV-{vins[3]} appears on lines 6 and 7");

        await page.GetByTestId("bulk-filter").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "rejected" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(job) + @"\?status=rejected$"));
        var vinHeader = page.Locator(".mud-table-sort-label", new() { HasText = "VIN" });
        await vinHeader.ClickAsync();
        await vinHeader.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"\?status=rejected&sort=vin&dir=desc$"));
        var rows = page.GetByTestId("bulk-rows").Locator("tbody tr");
        // Descending by VIN: the VIN given twice, then the lower one, then the formula row, which has no VIN.
        await Expect(rows.Locator("td:first-child")).ToHaveTextAsync(["6", "7", "5", "4"]);
        var shown = await rows.Locator("td:first-child").AllInnerTextsAsync();
        await PortalAndBrowser.ScreenshotAsync(page, "bulk-job-rows");
        await page.GetByTestId("theme-toggle").ClickAsync();
        await PortalAndBrowser.ScreenshotAsync(page, "bulk-job-rows-dark");

        await page.ReloadAsync();
        await Expect(rows).ToHaveCountAsync(4);
        Assert.Equal(shown, await rows.Locator("td:first-child").AllInnerTextsAsync());
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(job) + @"\?status=rejected&sort=vin&dir=desc$"));

        var lines = await ListBrowserTests.ExportAsync(page);
        Assert.Equal("Line,VIN,Model release,Model release id,Options,Status,Problem,Attempts,Row as uploaded", lines[0]);
        Assert.Equal(shown, lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.All(lines.Skip(1), l => Assert.Contains(",rejected,", l, StringComparison.Ordinal));
        // The uploaded formula comes out as text a spreadsheet will not run.
        Assert.Contains(lines, l => l.EndsWith(",\"'=HYPERLINK(http://evil.test),FUV: KERS Sensor,false\"", StringComparison.Ordinal));
    }
}
