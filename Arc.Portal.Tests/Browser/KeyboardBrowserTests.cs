using System.Text.RegularExpressions;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>What a person working from the keyboard needs: a skip link, visible focus, sorting without a mouse, and
/// Back moving between the vehicle page's tabs.</summary>
public sealed class KeyboardBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static readonly string FirstVin = DemoVins.First;

    [Fact]
    public async Task The_first_tab_stop_is_a_visible_skip_link_that_moves_the_focus_to_the_page_content()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("vehicles");
        await Expect(page.Locator("#vin-filter")).ToBeVisibleAsync();
        var skip = page.GetByTestId("skip-link");
        Assert.False(await IsOnScreenAsync(skip)); // out of sight for the mouse user

        // It comes before the app bar's first button, so it is the first stop when tabbing into the page.
        await page.GetByLabel("Toggle navigation").FocusAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToHaveTextAsync("Skip to content");
        Assert.True(await IsOnScreenAsync(skip));
        Assert.NotEqual("none", await OutlineOfFocusedAsync(page));
        await PortalAndBrowser.ScreenshotAsync(page, "skip-link");

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#main-content")).ToBeFocusedAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/vehicles$")); // no navigation, no "#main-content" in the address
        // The next stop is inside the page, not back in the app bar or the drawer.
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('main-content').contains(document.activeElement)"));
    }

    [Fact]
    public async Task A_sortable_header_is_reached_with_tab_and_sorts_with_enter_and_space_showing_its_focus()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("vehicles?vin=ER000");
        await Expect(page.Locator("table tbody tr")).ToHaveCountAsync(12);

        // Tab from the VIN header reaches the next sortable header: every one is a tab stop.
        var vinHeader = page.Locator("[data-sort=vin]");
        await vinHeader.FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("[data-sort=model]")).ToBeFocusedAsync();
        Assert.NotEqual("none", await OutlineOfFocusedAsync(page));

        var provisioned = page.Locator("[data-sort=created]");
        await Expect(provisioned).ToHaveAttributeAsync("role", "button");
        await provisioned.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("sort=created$"));
        await Expect(page.Locator("th", new() { Has = provisioned })).ToHaveAttributeAsync("aria-sort", "ascending");
        // A person presses again once the list has been redrawn; the header keeps the focus through the reload.
        await Expect(page.GetByText("Loading vehicles…")).ToBeHiddenAsync();
        await Expect(page.Locator("table tbody tr")).ToHaveCountAsync(12);
        await Expect(provisioned).ToBeFocusedAsync();
        await page.Keyboard.PressAsync(" ");
        await Expect(page).ToHaveURLAsync(new Regex("sort=created&dir=desc$"));
        await Expect(page.Locator("th", new() { Has = provisioned })).ToHaveAttributeAsync("aria-sort", "descending");
        await Expect(page.Locator("th", new() { Has = vinHeader })).ToHaveAttributeAsync("aria-sort", "none");
        await PortalAndBrowser.ScreenshotAsync(page, "keyboard-sort");

        var dates = await page.Locator("table tbody tr td:nth-child(5)").AllInnerTextsAsync();
        Assert.Equal(dates.OrderDescending(StringComparer.Ordinal), dates);
        Assert.Equal(12, dates.Count);
    }

    [Fact]
    public async Task Back_returns_to_the_vehicle_tab_the_person_came_from()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync($"vehicles/{FirstVin}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = FirstVin })).ToBeVisibleAsync();
        var defaultTab = page.GetByRole(AriaRole.Tab, new() { Selected = true });
        var firstTitle = await defaultTab.InnerTextAsync();

        await page.GetByRole(AriaRole.Tab, new() { Name = "Parts" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("\\?tab=parts$"));
        await page.GetByRole(AriaRole.Tab, new() { Name = "Registration" }).ClickAsync();
        await Expect(page.GetByTestId("vehicle-registration")).ToBeVisibleAsync();

        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Regex("\\?tab=parts$"));
        await Expect(page.GetByTestId("vehicle-parts")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Parts" })).ToHaveAttributeAsync("aria-selected", "true");

        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/vehicles/{FirstVin}$"));
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = firstTitle })).ToHaveAttributeAsync("aria-selected", "true");

        await page.GoForwardAsync();
        await Expect(page.GetByTestId("vehicle-parts")).ToBeVisibleAsync();
    }

    private static async Task<bool> IsOnScreenAsync(ILocator locator)
    {
        var box = await locator.BoundingBoxAsync();
        return box is { } b && b.Y + b.Height > 0 && b.X + b.Width > 0;
    }

    private static Task<string> OutlineOfFocusedAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
}
