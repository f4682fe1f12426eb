using System.Text.RegularExpressions;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

public sealed class AccountBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_and_the_email_is_kept()
    {
        await Fixture.Portal.CreateUserAsync("typo@arc.test", "support");
        var page = await Fixture.NewPageAsync();
        await page.GotoAsync("vehicles");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?ReturnUrl=%2Fvehicles"));
        await page.FillAsync("#email", "typo@arc.test");
        await page.FillAsync("#password", "Not-my-passw0rd");
        await page.ClickAsync("button[type=submit]");
        await Expect(page.GetByTestId("login-error")).ToHaveTextAsync("The email or password is not correct.");
        await Expect(page.Locator("#email")).ToHaveValueAsync("typo@arc.test");
        await Expect(page.Locator("#password")).ToHaveValueAsync("");
        Assert.DoesNotContain("Not-my-passw0rd", await page.ContentAsync(), StringComparison.Ordinal);
        await PortalAndBrowser.ScreenshotAsync(page, "login-error");

        // The right password then lands on the page that was asked for.
        await page.FillAsync("#password", PortalServer.UserPassword);
        await page.ClickAsync("button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex("/vehicles$"));
    }

    [Fact]
    public async Task Empty_fields_are_named_and_nothing_is_sent()
    {
        var page = await Fixture.NewPageAsync();
        await page.GotoAsync("account/login");
        await page.ClickAsync("button[type=submit]");
        await Expect(page.GetByText("Enter your email.")).ToBeVisibleAsync();
        await Expect(page.GetByText("Enter your password.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_open_redirect_in_the_return_address_is_ignored()
    {
        await Fixture.Portal.CreateUserAsync("redirect@arc.test", "support");
        var page = await Fixture.NewPageAsync();
        await page.GotoAsync("account/login?ReturnUrl=" + Uri.EscapeDataString("//evil.example/steal"));
        await page.FillAsync("#email", "redirect@arc.test");
        await page.FillAsync("#password", PortalServer.UserPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        Assert.StartsWith(Fixture.Portal.BaseAddress.ToString(), page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_one_time_password_must_be_changed_before_anything_else()
    {
        var username = await Fixture.Portal.CreateUserAsync("newcomer@arc.test", "support");
        await using (var db = Fixture.Portal.CreateDb())
        {
            (await db.UserSet.SingleAsync(u => u.Username == username)).MustChangePassword = true;
            await db.SaveChangesAsync();
        }
        var page = await Fixture.NewPageAsync();
        await page.GotoAsync("account/login");
        await page.FillAsync("#email", "newcomer@arc.test");
        await page.FillAsync("#password", PortalServer.UserPassword);
        await page.ClickAsync("button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex("/account/change-password$"));
        await Expect(page.GetByTestId("forced-change")).ToBeVisibleAsync();

        // Until the password is changed, no page that needs a permission opens.
        await page.GotoAsync("vehicles");
        await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();

        await page.GotoAsync("account/change-password");
        await Expect(page.GetByTestId("password-rule")).ToContainTextAsync("At least 12 characters");
        await page.FillAsync("#current", PortalServer.UserPassword);
        await page.FillAsync("#new", "short");
        await page.FillAsync("#confirm", "short");
        await page.ClickAsync("button[type=submit]");
        await Expect(page.GetByTestId("change-error")).ToContainTextAsync("at least 12 characters");
        await page.FillAsync("#current", PortalServer.UserPassword);
        await page.FillAsync("#new", "Password123!");
        await page.FillAsync("#confirm", "Password123!");
        await page.ClickAsync("button[type=submit]");
        await Expect(page.GetByTestId("change-error")).ToContainTextAsync("commonly used");
        await PortalAndBrowser.ScreenshotAsync(page, "change-password-error");

        await page.FillAsync("#current", PortalServer.UserPassword);
        await page.FillAsync("#new", "My-Own-Passw0rd!");
        await page.FillAsync("#confirm", "My-Own-Passw0rd!");
        await page.ClickAsync("button[type=submit]");
        // The change hashes the new password and signs the session in again: on a loaded machine it takes more than the default wait.
        await Expect(page.GetByTestId("change-done")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.GotoAsync("vehicles");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vehicles", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_disabled_user_loses_an_open_page_within_seconds()
    {
        var username = await Fixture.Portal.CreateUserAsync("soon-disabled@arc.test", "support");
        var page = await Fixture.SignInAsync("soon-disabled@arc.test", PortalServer.UserPassword);
        await page.GotoAsync("vehicles");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vehicles", Exact = true })).ToBeVisibleAsync();

        await using (var db = Fixture.Portal.CreateDb())
        {
            (await db.UserSet.SingleAsync(u => u.Username == username)).Enabled = false;
            await db.SaveChangesAsync();
        }
        // The test portal re-checks circuits every 2 s (the default is 30 s, within the minute the issue asks for).
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"), new() { Timeout = 20_000 });
        await page.GotoAsync("vehicles");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?signedOut=true"));
        await Expect(page.GetByText("You have signed out.")).ToBeVisibleAsync();
        await page.GotoAsync("vehicles");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
    }

    [Fact]
    public async Task The_audit_log_lists_sign_ins_and_filters_by_action()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit Log" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/audit$"));
        await Expect(page.GetByTestId("audit-log")).ToContainTextAsync("user.signed_in");
        await page.FillAsync("#audit-action", "system.");
        await Expect(page.GetByTestId("audit-log")).ToContainTextAsync("system.demo_data_seeded");
        await Expect(page.GetByText("1 event", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("audit-log")).Not.ToContainTextAsync("user.signed_in");
        await PortalAndBrowser.ScreenshotAsync(page, "audit-log");
    }

    [Fact]
    public async Task The_theme_switches_to_dark_and_stays_dark_after_a_reload()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("profile");
        await Expect(page.GetByTestId("profile-email")).ToHaveTextAsync(PortalServer.AdminEmail);
        var light = await BackgroundAsync(page);
        await page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(page.Locator("body")).Not.ToHaveCSSAsync("background-color", light);
        await page.ReloadAsync();
        await Expect(page.GetByTestId("profile-email")).ToBeVisibleAsync();
        await Expect(page.Locator("body")).Not.ToHaveCSSAsync("background-color", light);
        await PortalAndBrowser.ScreenshotAsync(page, "profile-dark");
    }

    private static Task<string> BackgroundAsync(IPage page) =>
        page.Locator("body").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
}
