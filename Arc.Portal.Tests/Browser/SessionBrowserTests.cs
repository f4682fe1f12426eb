using System.Diagnostics;
using System.Text.RegularExpressions;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>Server-side sessions as people meet them: signing out, signing out everywhere, a stolen cookie.</summary>
public sealed class SessionBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private async Task<IPage> OpenVehiclesAsync(IPage page)
    {
        await page.GotoAsync("vehicles");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vehicles", Exact = true })).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task A_copied_session_cookie_is_refused_after_sign_out()
    {
        await Fixture.Portal.CreateUserAsync("copied@arc.test", "support");
        var page = await Fixture.SignInAsync("copied@arc.test", PortalServer.UserPassword);
        var cookies = await page.Context.CookiesAsync();
        Assert.Contains(cookies, c => c.Name.EndsWith("arc.session", StringComparison.Ordinal));

        // Someone who copied the cookie gets in while the session lasts ...
        var thief = await Fixture.NewPageAsync();
        await thief.Context.AddCookiesAsync(cookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path }));
        await OpenVehiclesAsync(thief);

        // ... and not once its owner has signed out, although the cookie itself has not expired.
        await page.GetByTestId("sign-out").ClickAsync();
        // The sign-out answer and the open page's own check race to the sign-in page; either way it is reached.
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        // The thief's open page is sent to sign in at its next check ...
        await Expect(thief).ToHaveURLAsync(new Regex("/account/login"), new() { Timeout = 20_000 });
        // ... and the copied cookie itself, sent again as it was, opens nothing.
        var session = cookies.Single(c => c.Name.EndsWith("arc.session", StringComparison.Ordinal));
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Fixture.Portal.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "vehicles");
        request.Headers.Add("Cookie", $"{session.Name}={session.Value}");
        using var response = await client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_everywhere_from_the_profile_ends_another_browsers_session()
    {
        await Fixture.Portal.CreateUserAsync("two-browsers@arc.test", "support");
        var other = await OpenVehiclesAsync(await Fixture.SignInAsync("two-browsers@arc.test", PortalServer.UserPassword));
        var page = await Fixture.SignInAsync("two-browsers@arc.test", PortalServer.UserPassword);
        await page.GotoAsync("profile");
        var rows = page.GetByTestId("session-row");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("my-sessions")).ToContainTextAsync("this one");
        await Expect(page.GetByTestId("my-sessions")).ToContainTextAsync("127.0.0.1");
        await PortalAndBrowser.ScreenshotAsync(page, "profile-sessions");
        await page.GetByTestId("theme-toggle").ClickAsync();
        await PortalAndBrowser.ScreenshotAsync(page, "profile-sessions-dark");

        await page.GetByTestId("sign-out-everywhere").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        // The other browser's open page is signed out at its next check (2 s in tests), without anyone touching it.
        await Expect(other).ToHaveURLAsync(new Regex("/account/login"), new() { Timeout = 20_000 });
    }

    [Fact]
    public async Task Ending_one_session_from_the_profile_leaves_this_one_signed_in()
    {
        await Fixture.Portal.CreateUserAsync("end-one@arc.test", "support");
        var other = await OpenVehiclesAsync(await Fixture.SignInAsync("end-one@arc.test", PortalServer.UserPassword));
        var page = await Fixture.SignInAsync("end-one@arc.test", PortalServer.UserPassword);
        await page.GotoAsync("profile");
        await Expect(page.GetByTestId("session-row")).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Button, new() { Name = "End the session from 127.0.0.1" }).ClickAsync();
        await Expect(page.GetByTestId("session-row")).ToHaveCountAsync(1);
        await Expect(other).ToHaveURLAsync(new Regex("/account/login"), new() { Timeout = 20_000 });
        await OpenVehiclesAsync(page);
    }

    [Fact]
    public async Task An_administrator_signs_a_user_out_everywhere_from_the_user_page()
    {
        var username = await Fixture.Portal.CreateUserAsync("lost-laptop@arc.test", "support");
        var user = await OpenVehiclesAsync(await Fixture.SignInAsync("lost-laptop@arc.test", PortalServer.UserPassword));
        var admin = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await admin.GotoAsync($"users/{username}?tab=sessions");
        await Expect(admin.GetByTestId("user-sessions").GetByTestId("session-row")).ToHaveCountAsync(1);
        await PortalAndBrowser.ScreenshotAsync(admin, "user-sessions");

        await admin.GetByTestId("end-user-sessions").ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere" }).ClickAsync();
        await Expect(admin.GetByTestId("user-sessions")).ToContainTextAsync("No open sessions.");
        await Expect(user).ToHaveURLAsync(new Regex("/account/login"), new() { Timeout = 20_000 });
    }

    [Fact]
    public async Task The_root_authoritys_vehicles_are_found_by_part_of_a_vin()
    {
        var admin = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await admin.GotoAsync("authorities/1");
        var table = admin.GetByTestId("authority-vehicles");
        await Expect(table.Locator("a.arc-vin").First).ToBeVisibleAsync();
        var vin = await table.Locator("a.arc-vin").Nth(1).InnerTextAsync();
        await admin.FillAsync("#authority-vehicle-search", vin[^5..].ToLowerInvariant());
        await Expect(table.Locator("a.arc-vin")).ToHaveCountAsync(1);
        await Expect(table).ToContainTextAsync(vin);
        await admin.FillAsync("#authority-vehicle-search", "ZZZZZ");
        await Expect(table).ToContainTextAsync("No VIN matches.");
    }
}

/// <summary>A portal whose sessions idle out after 8 s and end 20 s after sign-in, whatever happens.</summary>
public sealed class PortalWithShortSessions : IAsyncLifetime
{
    public PortalAndBrowser Inner { get; } = new();

    public Task InitializeAsync()
    {
        Inner.Portal.Settings["Portal:Sessions:IdleTimeout"] = "00:00:08";
        Inner.Portal.Settings["Portal:Sessions:AbsoluteLifetime"] = "00:00:20";
        return Inner.InitializeAsync();
    }

    public Task DisposeAsync() => Inner.DisposeAsync();
}

[Trait("Category", "Browser")]
public sealed class SessionLifetimeBrowserTests(PortalWithShortSessions fixture, ITestOutputHelper output) : IClassFixture<PortalWithShortSessions>, IDisposable
{
    public void Dispose() => BrowserTest.AssertNoServerErrors(fixture.Inner.Portal, output);

    [Fact]
    public async Task An_open_page_nobody_uses_is_signed_out_after_the_idle_timeout()
    {
        await fixture.Inner.Portal.CreateUserAsync("idle@arc.test", "support");
        var page = await fixture.Inner.SignInAsync("idle@arc.test", PortalServer.UserPassword);
        await page.GotoAsync("vehicles");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vehicles", Exact = true })).ToBeVisibleAsync();
        var clock = Stopwatch.StartNew();
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"), new() { Timeout = 30_000 });
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_page_in_use_stays_signed_in_past_the_idle_timeout_until_the_absolute_lifetime_ends()
    {
        await fixture.Inner.Portal.CreateUserAsync("busy@arc.test", "support");
        var clock = Stopwatch.StartNew();
        var page = await fixture.Inner.SignInAsync("busy@arc.test", PortalServer.UserPassword);
        await page.GotoAsync("vehicles");
        // Someone working on the page: a key press every two seconds, well inside the 8 s idle timeout.
        var signedOut = false;
        while (!signedOut && clock.Elapsed < TimeSpan.FromSeconds(45))
        {
            await page.Keyboard.PressAsync("Shift");
            signedOut = await SignedOutWithinAsync(page, TimeSpan.FromSeconds(2));
        }
        Assert.True(signedOut, "the page was still signed in after 45 s");
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(19), TimeSpan.FromSeconds(40));
    }

    private static async Task<bool> SignedOutWithinAsync(IPage page, TimeSpan wait)
    {
        try
        {
            await page.WaitForURLAsync(new Regex("/account/login"), new() { Timeout = (float)wait.TotalMilliseconds });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
