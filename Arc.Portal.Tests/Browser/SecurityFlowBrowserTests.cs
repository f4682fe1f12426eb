using System.Text.RegularExpressions;
using Arc.Domain.Email;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>A portal that requires an authenticator for every local account, as it does outside Development.</summary>
public sealed class PortalRequiringMfa : IAsyncLifetime
{
    public PortalAndBrowser Inner { get; } = new();

    public Task InitializeAsync()
    {
        Inner.Portal.Settings["Portal:Mfa:RequiredForLocalAccounts"] = "true";
        return Inner.InitializeAsync();
    }

    public Task DisposeAsync() => Inner.DisposeAsync();
}

[Trait("Category", "Browser")]
public sealed class FirstAdministratorMfaBrowserTests(PortalRequiringMfa fixture, ITestOutputHelper output) : IClassFixture<PortalRequiringMfa>, IDisposable
{
    public void Dispose() => BrowserTest.AssertNoServerErrors(fixture.Inner.Portal, output);

    [Fact]
    public async Task The_first_administrator_enrols_an_authenticator_before_anything_else_and_is_asked_for_codes_from_then_on()
    {
        var page = await fixture.Inner.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/account/mfa$"));
        await Expect(page.GetByTestId("mfa-required")).ToBeVisibleAsync();

        // Nothing else opens until the authenticator is on.
        await page.GotoAsync("vehicles");
        await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();

        await page.GotoAsync("account/mfa");
        await page.GetByTestId("mfa-start").ClickAsync();
        var secret = await page.GetByTestId("mfa-secret").InnerTextAsync();
        await PortalAndBrowser.ScreenshotAsync(page, "first-admin-mfa-enrolment");
        await page.FillAsync("#code", TotpCodes.For(secret, DateTimeOffset.UtcNow));
        await page.FillAsync("#device", "Admin phone");
        await page.GetByTestId("mfa-confirm").ClickAsync();
        await Expect(page.GetByTestId("mfa-done")).ToBeVisibleAsync();

        await page.GotoAsync("vehicles");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vehicles", Exact = true })).ToBeVisibleAsync();

        // The next sign-in asks for a code.
        var again = await fixture.Inner.NewPageAsync();
        await again.GotoAsync("account/login");
        await again.FillAsync("#email", PortalServer.AdminEmail);
        await again.FillAsync("#password", PortalServer.AdminPassword);
        await again.ClickAsync("button[type=submit]");
        await Expect(again.Locator("#code")).ToBeVisibleAsync();
    }
}

/// <summary>Changing one's own email: the code goes to the new address, and only the code makes the change.</summary>
public sealed class EmailChangeBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task An_email_change_waits_for_the_code_sent_to_the_new_address()
    {
        var old = $"mover-{Guid.NewGuid():N}@arc.test";
        var username = await Fixture.Portal.CreateUserAsync(old, "support");
        var fresh = $"moved-{Guid.NewGuid():N}@arc.test";
        var page = await Fixture.SignInAsync(old, PortalServer.UserPassword);
        await page.GotoAsync($"users/{username}");
        await page.GetByTestId("edit-profile").ClickAsync();
        await page.FillAsync("#profile-email", fresh);
        // The form asks for the password as soon as the email differs, and refuses a wrong one.
        await page.FillAsync("#profile-proof", "Not-my-password-at-all");
        await page.GetByTestId("save-profile").ClickAsync();
        await Expect(page.GetByText("That is not your current password")).ToBeVisibleAsync();
        await page.FillAsync("#profile-proof", PortalServer.UserPassword);
        await page.GetByTestId("save-profile").ClickAsync();
        await Expect(page.GetByTestId("email-pending")).ToContainTextAsync(fresh);
        await PortalAndBrowser.ScreenshotAsync(page, "email-change-pending");

        await using (var db = Fixture.Portal.CreateDb())
        {
            Assert.Equal(old, await db.UserSet.Where(u => u.Username == username).Select(u => u.Email).SingleAsync());
            Assert.Equal(1, await db.OutboxEmailSet.CountAsync(e => e.To == fresh && e.Template == EmailTemplates.EmailChangeCode));
        }
        var code = Regex.Match(await Fixture.Portal.Mailbox.LatestTextAsync(fresh, EmailTemplates.EmailChangeCode), @"\b\d{6}\b").Value;
        await page.FillAsync("#email-code", code == "000000" ? "111111" : "000000");
        await page.GetByTestId("confirm-email").ClickAsync();
        await Expect(page.GetByText("That code is not right.")).ToBeVisibleAsync();
        await page.FillAsync("#email-code", code);
        await page.GetByTestId("confirm-email").ClickAsync();

        // Every session ended with the change: sign in again, with the new address.
        await Expect(page.GetByTestId("email-changed")).ToBeVisibleAsync();
        await page.FillAsync("#email", fresh);
        await page.FillAsync("#password", PortalServer.UserPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await using var after = Fixture.Portal.CreateDb();
        Assert.True(await after.OutboxEmailSet.AnyAsync(e => e.To == old && e.Template == EmailTemplates.EmailChanged));
    }
}
