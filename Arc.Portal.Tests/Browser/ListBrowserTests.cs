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
        var page = await VehicleListAsync();
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

    [Fact]
    public async Task A_user_export_matches_the_filtered_list_and_a_formula_in_a_name_comes_out_neutralised()
    {
        const string hostile = "=HYPERLINK(\"http://evil.test\",\"Click\")";
        var username = await Fixture.Portal.CreateUserAsync("csv-hostile@arc.test");
        await Fixture.Portal.CreateUserAsync("csv-plain@arc.test");
        await using (var db = Fixture.Portal.CreateDb())
        {
            db.UserSet.Single(u => u.Username == username).DisplayName = hostile;
            await db.SaveChangesAsync();
        }
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("users");
        await Expect(page.Locator("[data-testid=user-table] tbody tr").First).ToBeVisibleAsync(); // the live page's rows
        await page.FillAsync("#user-search", "csv-");
        await Expect(page).ToHaveURLAsync(new Regex(@"/users\?q=csv-$"));
        await Expect(page.Locator("[data-testid=user-table] tbody tr")).ToHaveCountAsync(2);

        var lines = await ExportAsync(page);
        Assert.Equal(["Name,Email,Phone,Status,Enabled,Last sign-in (UTC)",
            "\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"Click\"\")\",csv-hostile@arc.test,,CONFIRMED,yes,",
            "csv-plain,csv-plain@arc.test,,CONFIRMED,yes,"], lines);

        await page.ReloadAsync();
        await Expect(page.Locator("#user-search")).ToHaveValueAsync("csv-");
        await Expect(page.Locator("[data-testid=user-table] tbody tr")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task A_filter_typed_and_left_at_once_still_filters_the_list()
    {
        var page = await VehicleListAsync();
        // A person types part of a VIN and tabs on at once, well inside the pause the list waits for after typing.
        await page.FillAsync("#vin-filter", "ER000");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page).ToHaveURLAsync(new Regex(@"/vehicles\?vin=ER000$"));
        await Expect(page.GetByText("12 vehicles", new() { Exact = true })).ToBeVisibleAsync();

        // The same on a filter whose change is made by a lambda (the audit log's action).
        await page.GotoAsync("audit");
        await Expect(page.Locator("[data-testid=audit-log] tbody tr").Filter(new() { HasTextRegex = new Regex(@"\w\.\w") }).First).ToBeVisibleAsync();
        await page.FillAsync("#audit-action", "user.");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page).ToHaveURLAsync(new Regex(@"/audit\?action=user\.$"));
    }

    [Fact]
    public async Task The_audit_logs_filters_and_page_size_survive_a_reload_and_its_export_follows_them()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("audit");
        var rows = page.Locator("[data-testid=audit-log] tbody tr");
        // Events are listed once the page is live: typing before that would be lost.
        await Expect(rows.Filter(new() { HasTextRegex = new Regex(@"\w\.\w") }).First).ToBeVisibleAsync();
        await page.FillAsync("#audit-action", "user.");
        await Expect(page).ToHaveURLAsync(new Regex(@"/audit\?action=user\.$"));
        await Expect(rows.First).ToContainTextAsync("user.");
        var shown = await rows.AllInnerTextsAsync();

        await page.ReloadAsync();
        await Expect(page.Locator("#audit-action")).ToHaveValueAsync("user.");
        await Expect(rows).ToHaveCountAsync(shown.Count);

        var lines = await ExportAsync(page);
        Assert.StartsWith("When (UTC),Who,Name,Action,Entity type,Entity id,Change,Correlation", lines[0], StringComparison.Ordinal);
        Assert.Equal(shown.Count, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.Contains(",user.", l, StringComparison.Ordinal));
        await PortalAndBrowser.ScreenshotAsync(page, "audit-log-filtered", fullPage: false);
    }

    /// <summary>The administrator on the vehicle list, once it is live.</summary>
    private async Task<IPage> VehicleListAsync()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("vehicles");
        await PageIsLiveAsync(page, "vehicles");
        return page;
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

    /// <summary>
    /// Waits for the list's count, which only the live page shows: text typed into a filter before the page is live is
    /// lost (noted on issue 13 for its own work).
    /// </summary>
    private static Task PageIsLiveAsync(IPage page, string things) =>
        Expect(page.GetByText(new Regex($@"^[0-9,]+ {things}$"))).ToBeVisibleAsync();
}
