using System.Text.RegularExpressions;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

public sealed class GlobalSearchBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static readonly string Vin = DemoVins.First;

    private static ILocator Box(IPage page) => page.Locator("#global-search");

    private static ILocator Hits(IPage page) => page.GetByTestId("search-hit");

    [Fact]
    public async Task Slash_then_part_of_a_VIN_without_its_prefix_then_the_keyboard_opens_the_vehicle()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/vehicles$"));

        // "/" typed into a field stays in the field.
        await page.Locator("#vin-filter").PressAsync("/");
        await Expect(page.Locator("#vin-filter")).ToHaveValueAsync("/");
        await Expect(Box(page)).Not.ToBeFocusedAsync();
        await page.Locator("#vin-filter").FillAsync("");
        await page.Locator("h1, h2, h3, h4, h5, h6").First.ClickAsync();

        await page.Keyboard.PressAsync("/");
        await Expect(Box(page)).ToBeFocusedAsync();
        // Eight characters: model year, plant and serial. Six would also match vehicles other tests add with the same serial.
        await page.Keyboard.TypeAsync(Vin[^8..].ToLowerInvariant());
        await Expect(Hits(page)).ToHaveCountAsync(1);
        await Expect(Hits(page).First).ToContainTextAsync(Vin);
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex($"/vehicles/{Vin}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = Vin })).ToBeVisibleAsync();
        await Expect(Box(page)).ToHaveValueAsync("");
    }

    [Fact]
    public async Task A_user_is_found_by_part_of_their_email_and_opened_with_Enter()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var username = await Fixture.Portal.CreateUserAsync($"found-{tag}@arc.test");
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/vehicles$"));
        await Expect(Box(page)).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("/");
        await Expect(Box(page)).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync($"{tag}@arc");
        await Expect(Hits(page)).ToHaveCountAsync(1);
        await Expect(Hits(page).First).ToContainTextAsync($"found-{tag}@arc.test");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex($"/users/{username}$"));
        await Expect(page.GetByText($"found-{tag}@arc.test").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_list_says_when_nothing_matches_Escape_closes_it_and_it_reads_in_both_themes()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/vehicles$"));

        await Box(page).FillAsync("%_no such thing_%");
        await Expect(page.GetByTestId("search-empty")).ToHaveTextAsync("No matches");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByTestId("search-empty")).ToBeHiddenAsync();

        await Box(page).FillAsync("7F7A");
        await Expect(Hits(page)).ToHaveCountAsync(5);
        await ListSettledAsync(page);
        await PortalAndBrowser.ScreenshotAsync(page, "global-search", fullPage: false);
        await page.Keyboard.PressAsync("Escape");
        await Expect(Hits(page)).ToHaveCountAsync(0);

        // From the theme button, "/" selects what the box holds, so typing replaces it. The switch is a round trip that
        // draws the bar again; a person sees it land before typing on.
        var body = page.Locator("body");
        var light = await body.EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor");
        await page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(body).Not.ToHaveCSSAsync("background-color", light);
        await page.Keyboard.PressAsync("/");
        await Expect(Box(page)).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("ar");
        await Expect(page.GetByText("Arcimoto, Inc.").Last).ToBeVisibleAsync();
        await ListSettledAsync(page);
        await PortalAndBrowser.ScreenshotAsync(page, "global-search-dark", fullPage: false);
    }

    // The list fades in; a screenshot taken halfway shows the page through it.
    private static Task ListSettledAsync(IPage page) =>
        Expect(page.Locator(".arc-search-popover")).ToHaveCSSAsync("opacity", "1");
}
