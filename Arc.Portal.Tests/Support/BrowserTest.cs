using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Support;

/// <summary>
/// Base of the browser tests: each test ends by closing the pages it opened and checking that the portal logged no
/// error while a person used it (closing included), which is how a bad input that "looked fine" but broke something on
/// the server is caught.
/// </summary>
[Trait("Category", "Browser")]
public abstract class BrowserTest(PortalAndBrowser fixture, ITestOutputHelper output) : IClassFixture<PortalAndBrowser>, IAsyncLifetime
{
    protected PortalAndBrowser Fixture { get; } = fixture;

    protected ITestOutputHelper Output { get; } = output;

    private int _logAtStart;

    public Task InitializeAsync()
    {
        _logAtStart = Fixture.Portal.Log.Entries.Count;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Fixture.ClosePagesAsync();
        // The warnings of this test's time (a dropped circuit, a slow call) go to its output, which a failed test shows.
        foreach (var entry in Fixture.Portal.Log.Entries.Skip(_logAtStart).Where(e => e.StartsWith("Warning", StringComparison.Ordinal)))
            Output.WriteLine(entry);
        AssertNoServerErrors(Fixture.Portal, Output);
    }

    /// <summary>
    /// Photographs the page in the light theme and the dark one, then switches back, each time waiting until the page's
    /// background has actually changed, so neither picture catches the switch half-way.
    /// </summary>
    protected static async Task ScreenshotBothThemesAsync(IPage page, string name, bool fullPage = false)
    {
        await PortalAndBrowser.ScreenshotAsync(page, name, fullPage);
        var body = page.Locator("body");
        var light = await body.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        await page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(body).Not.ToHaveCSSAsync("background-color", light);
        await TransitionsDoneAsync(page);
        await PortalAndBrowser.ScreenshotAsync(page, name + "-dark", fullPage);
        await page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(body).ToHaveCSSAsync("background-color", light);
    }

    /// <summary>
    /// Waits for the colour transitions a theme switch starts (tab labels fade for a moment after the background has
    /// changed); endless animations, such as a loading bar, are not waited for.
    /// </summary>
    private static Task TransitionsDoneAsync(IPage page) => page.EvaluateAsync("""
        () => Promise.all(document.getAnimations()
            .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
            .map(a => a.finished.catch(() => null)))
        """);

    /// <summary>Shows what the portal logged as errors in the test's output, and fails the test if there was any.</summary>
    public static void AssertNoServerErrors(PortalServer portal, ITestOutputHelper output)
    {
        var errors = portal.Log.Errors.ToList();
        foreach (var entry in errors)
            output.WriteLine(entry);
        Assert.Empty(errors);
    }
}
