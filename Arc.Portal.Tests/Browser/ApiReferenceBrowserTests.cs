using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>Issue 17 item 4: signed-in staff open the API reference; it renders the operations without the script policy refusing it and without any request leaving the portal.</summary>
public sealed class ApiReferenceBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task Staff_open_the_reference_and_see_the_operations_with_nothing_fetched_from_outside()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        var own = Fixture.Portal.BaseAddress.GetLeftPart(UriPartial.Authority);
        var outside = new List<string>();
        var refused = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(own, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal)
                && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
                outside.Add(request.Url);
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error" || message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                refused.Add(message.Text);
        };

        await page.GotoAsync("api/reference");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await PortalAndBrowser.ScreenshotAsync(page, "api-reference-loaded", fullPage: false);
        Assert.True(refused.Count == 0, string.Join(" | ", refused));
        await page.GetByText("Firmware", new() { Exact = true }).First.ClickAsync();
        await Expect(page.GetByText("Records a firmware release").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.GetByText("Old routes", new() { Exact = true }).First.ClickAsync();
        await Expect(page.GetByText("/am/v1/vehicles/{vin}").First).ToBeAttachedAsync();
        await PortalAndBrowser.ScreenshotAsync(page, "api-reference", fullPage: false);

        Assert.True(outside.Count == 0, string.Join(", ", outside));
        Assert.True(refused.Count == 0, string.Join(" | ", refused));
    }
}
