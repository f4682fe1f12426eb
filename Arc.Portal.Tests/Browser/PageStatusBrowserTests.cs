using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>What a page answers before it draws: 404 for an address that names nothing, and required fields marked.</summary>
public sealed class PageStatusBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task An_address_that_names_no_vehicle_user_group_authority_job_or_page_answers_404_and_says_so()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);

        await AssertStatusAsync(page, "vehicles/DEV-" + DemoData.MakeVin('T', 'L', 991), 404);
        await Expect(page.GetByTestId("vehicle-error")).ToContainTextAsync("does not exist");
        await AssertStatusAsync(page, "vehicles/not-a-vin", 404);
        await AssertStatusAsync(page, "users/no-such-user", 404);
        await Expect(page.GetByTestId("user-error")).ToBeVisibleAsync();
        await AssertStatusAsync(page, "permission-groups/987654", 404);
        await AssertStatusAsync(page, "authorities/987654", 404);
        await AssertStatusAsync(page, "vehicles/provision/bulk/987654", 404);
        await AssertStatusAsync(page, "recalls/987654", 404);
        await Expect(page.GetByTestId("recall-missing")).ToContainTextAsync("does not exist");
        await AssertStatusAsync(page, "no-such-page", 404);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();

        // What exists still answers 200, with the prefix or without it.
        await AssertStatusAsync(page, "vehicles/" + DemoVins.First, 200);
        await AssertStatusAsync(page, "vehicles/" + DemoVins.FirstBare, 200);
        await AssertStatusAsync(page, $"users/{await Fixture.Portal.AdminUsernameAsync()}", 200);
        await AssertStatusAsync(page, "permission-groups/1", 200);
        var (recallId, _) = await RecallTestData.CreateAsync(Fixture.Portal, "Status page brake fittings");
        await AssertStatusAsync(page, $"recalls/{recallId}", 200);
    }

    [Fact]
    public async Task Required_fields_show_an_asterisk_and_tell_assistive_technology()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("users/new");
        await Expect(page.Locator("#user-email")).ToHaveAttributeAsync("aria-required", "true");
        Assert.Equal("\"*\"", await AfterAsync(page, "label[for=user-email]"));
        Assert.Equal("none", await AfterAsync(page, "label[for=user-phone]"));
        await PortalAndBrowser.ScreenshotAsync(page, "create-user-required");

        // The server-rendered sign-in form marks its fields the same way.
        var anonymous = await Fixture.NewPageAsync();
        await anonymous.GotoAsync("account/login");
        await Expect(anonymous.Locator("#email")).ToHaveAttributeAsync("aria-required", "true");
        await Expect(anonymous.Locator("#password")).ToHaveAttributeAsync("aria-required", "true");
        Assert.Contains("*", await AfterAsync(anonymous, "label[for=email]"), StringComparison.Ordinal);
        await PortalAndBrowser.ScreenshotAsync(anonymous, "login-required");
    }

    /// <summary>What the stylesheet draws after the element: where both MudBlazor and the account forms put the asterisk.</summary>
    private static Task<string> AfterAsync(IPage page, string selector) =>
        page.EvaluateAsync<string>("s => getComputedStyle(document.querySelector(s), '::after').content", selector);

    private static async Task AssertStatusAsync(IPage page, string path, int status)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response?.Status == status, $"/{path} answered {response?.Status}, not {status}");
        await Expect(page.Locator("h1").First).ToBeVisibleAsync();
    }
}
