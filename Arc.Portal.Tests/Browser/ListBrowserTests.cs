using System.Text;
using System.Text.RegularExpressions;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>Lists keep their state in the address (reload, Back, a shared link) and export what they show as CSV.</summary>
public sealed class ListBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task The_vehicle_lists_filter_sort_and_page_survive_a_reload_and_back_returns_to_the_previous_state()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("vehicles");
        await page.FillAsync("#vin-filter", "ER000");
        await Expect(page.GetByText("12 vehicles", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/vehicles\?vin=ER000$"));

        var provisioned = page.Locator(".mud-table-sort-label", new() { HasText = "Provisioned" });
        await provisioned.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("sort=created$"));
        await provisioned.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("sort=created&dir=desc$"));
        await page.Locator(".mud-table-pagination-select").ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { Name = "10", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("size=10$"));
        var firstPage = await VinsAsync(page, 10);
        await page.GetByLabel("Next page").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/vehicles\?vin=ER000&sort=created&dir=desc&page=2&size=10$"));
        var secondPage = await VinsAsync(page, 2);
        Assert.Empty(firstPage.Intersect(secondPage));
        await PortalAndBrowser.ScreenshotAsync(page, "vehicle-list-state");
        await page.GetByTestId("theme-toggle").ClickAsync();
        await PortalAndBrowser.ScreenshotAsync(page, "vehicle-list-state-dark");

        await page.ReloadAsync();
        Assert.Equal(secondPage, await VinsAsync(page, 2));
        await Expect(page.Locator("#vin-filter")).ToHaveValueAsync("ER000");

        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/vehicles\?vin=ER000&sort=created&dir=desc&size=10$"));
        Assert.Equal(firstPage, await VinsAsync(page, 10));
        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Regex("sort=created&dir=desc$"));
        await Expect(page.Locator("table tbody tr")).ToHaveCountAsync(12);
    }

    [Fact]
    public async Task The_vehicle_export_holds_every_filtered_vehicle_in_the_lists_order()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("vehicles?vin=ER000&sort=vin&dir=desc&size=10");
        var shown = await VinsAsync(page, 10);

        var lines = await ExportAsync(page);
        Assert.Equal("VIN,Model,Model release,Year,Provisioned (UTC),Charge (%),Odometer (mi),Last report (UTC)", lines[0]);
        var vins = lines.Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(12, vins.Count); // both pages, not only the visible one
        Assert.Equal(shown, vins.Take(10));
        Assert.Equal(vins.OrderDescending(StringComparer.Ordinal), vins);
    }

    private static async Task<List<string>> VinsAsync(IPage page, int count)
    {
        var rows = page.Locator("[data-testid=vehicle-table] tbody tr");
        await Expect(rows).ToHaveCountAsync(count);
        return [.. await rows.Locator("a.arc-vin").AllInnerTextsAsync()];
    }

    /// <summary>Clicks the page's export, reads the downloaded file and returns its lines.</summary>
    internal static async Task<string[]> ExportAsync(IPage page)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3)); // UTF-8, marked so spreadsheets read it so
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        return text[..^2].Split("\r\n");
    }
}
