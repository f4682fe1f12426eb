using System.Text.RegularExpressions;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

public sealed class ShellBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task An_unknown_address_shows_the_not_found_page_inside_the_portal()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        var response = await page.GotoAsync("no/such/page");
        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await PortalAndBrowser.ScreenshotAsync(page, "not-found");
    }

    [Fact]
    public async Task A_person_who_asked_for_less_motion_gets_no_transitions_and_others_keep_them()
    {
        // The test browser asks for reduced motion, as the operating system setting of such a person does.
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        var toggle = page.GetByTestId("theme-toggle");
        await Expect(toggle).ToBeVisibleAsync();
        Task<string> DurationAsync() => toggle.EvaluateAsync<string>("e => getComputedStyle(e).transitionDuration");
        Assert.All((await DurationAsync()).Split(", "), d => Assert.True(double.Parse(d.TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture) < 0.001, d));

        await page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.NoPreference });
        Assert.Contains((await DurationAsync()).Split(", "), d => double.Parse(d.TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture) >= 0.05);
    }

    [Fact]
    public async Task The_account_menu_opens_with_a_mouse_click_and_with_the_keyboard()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await Expect(page.Locator("table tbody tr").First).ToBeVisibleAsync();
        var profile = page.GetByRole(AriaRole.Menuitem, new() { Name = "Profile" });
        await page.GetByTestId("user-menu").ClickAsync();
        await Expect(profile).ToBeVisibleAsync();
        await PortalAndBrowser.ScreenshotAsync(page, "account-menu", fullPage: false);
        // A click elsewhere closes it again.
        await page.Mouse.ClickAsync(700, 600);
        await Expect(profile).ToBeHiddenAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Administrator" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(profile).ToBeVisibleAsync();
        await profile.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/profile$"));
    }

    [Fact]
    public async Task A_chosen_dark_theme_is_painted_from_the_first_frame()
    {
        await Fixture.Portal.CreateUserAsync("night-owl@arc.test", "support");
        var page = await Fixture.SignInAsync("night-owl@arc.test", PortalServer.UserPassword);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vehicles", Exact = true })).ToBeVisibleAsync();
        await page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(page.Locator("html")).ToHaveClassAsync(new Regex("arc-dark"));

        // The server's answer already carries the theme, before any script runs.
        var first = await (await page.Context.APIRequest.GetAsync("vehicles")).TextAsync();
        Assert.Contains("<html lang=\"en\" class=\"arc-dark\"", first, StringComparison.Ordinal);

        // Every frame the browser draws while the page loads is dark: the background is sampled before each paint.
        var fresh = await page.Context.NewPageAsync();
        await fresh.AddInitScriptAsync(@"window.arcPaints = [];
            function sample() {
                const transparent = 'rgba(0, 0, 0, 0)';
                const body = document.body ? getComputedStyle(document.body).backgroundColor : transparent;
                const html = getComputedStyle(document.documentElement).backgroundColor;
                window.arcPaints.push(body !== transparent ? body : html === transparent ? 'rgb(255, 255, 255)' : html);
                if (window.arcPaints.length < 5000) requestAnimationFrame(sample);
            }
            requestAnimationFrame(sample);");
        await fresh.GotoAsync("vehicles");
        await Expect(fresh.Locator("table tbody tr").First).ToBeVisibleAsync();
        var paints = await fresh.EvaluateAsync<string[]>("() => window.arcPaints");
        Assert.NotEmpty(paints);
        Assert.All(paints, colour => Assert.Equal("rgb(18, 26, 31)", colour));
        await PortalAndBrowser.ScreenshotAsync(fresh, "vehicles-dark", fullPage: false);

        // Back to light: the next page is served light.
        await fresh.GetByTestId("theme-toggle").ClickAsync();
        await Expect(fresh.Locator("html")).Not.ToHaveClassAsync(new Regex("arc-dark"));
        first = await (await page.Context.APIRequest.GetAsync("vehicles")).TextAsync();
        Assert.DoesNotContain("arc-dark", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Access_denied_leads_to_the_start_page_and_a_vehicle_page_names_the_canonical_vin()
    {
        await Fixture.Portal.CreateUserAsync("provision-only@arc.test", "provision");
        var page = await Fixture.SignInAsync("provision-only@arc.test", PortalServer.UserPassword);
        await page.GotoAsync("vehicles");
        await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await page.GetByTestId("access-denied-home").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/profile$"));

        string vin;
        await using (var db = Fixture.Portal.CreateDb())
            vin = db.VehicleSet.OrderBy(v => v.Vin).Select(v => v.Vin).First();
        var admin = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await admin.GotoAsync($"vehicles/{vin["DEV-".Length..]}");
        await Expect(admin).ToHaveTitleAsync($"{vin} · Vehicles · Arc Portal");
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = vin })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Forged_circuit_calls_are_refused_and_the_page_keeps_working()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vehicles", Exact = true })).ToBeVisibleAsync();

        // A hand-made .NET invocation over the circuit, as a tampering user could send from the console.
        var refusal = await page.EvaluateAsync<string>(@"async () => {
            try { await DotNet.invokeMethodAsync('Arc.Domain', 'HandleAsync', 'x'); return 'accepted'; }
            catch (e) { return String(e.message || e); } }");
        Assert.NotEqual("accepted", refusal);
        var second = await page.EvaluateAsync<string>(@"async () => {
            try { await DotNet.invokeMethodAsync('Arc.Portal', 'SignInAsync', '<script>'); return 'accepted'; }
            catch (e) { return String(e.message || e); } }");
        Assert.NotEqual("accepted", second);

        // The circuit survives: the list still answers a search, and no error banner appears.
        await page.FillAsync("#vin-filter", "R00019");
        await Expect(page.Locator("table tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task The_vehicle_list_pages_and_sorts_on_the_server()
    {
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await Expect(page.Locator("table tbody tr")).ToHaveCountAsync(20);
        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(page.Locator("table tbody tr")).ToHaveCountAsync(4);
        await page.GetByRole(AriaRole.Button, new() { Name = "First page" }).ClickAsync();
        string first, last;
        await using (var db = Fixture.Portal.CreateDb())
        {
            first = db.VehicleSet.OrderBy(v => v.Vin).Select(v => v.Vin).First();
            last = db.VehicleSet.OrderByDescending(v => v.Vin).Select(v => v.Vin).First();
        }
        await Expect(page.Locator("table tbody tr td").First).ToHaveTextAsync(first);
        await page.Locator("th", new() { HasText = "VIN" }).Locator(".mud-table-sort-label").ClickAsync();
        await Expect(page.Locator("table tbody tr td").First).ToHaveTextAsync(last);
        await Expect(page).ToHaveURLAsync(new Regex("/vehicles\\?sort=vin&dir=desc$")); // the sort is kept in the address
    }
}
