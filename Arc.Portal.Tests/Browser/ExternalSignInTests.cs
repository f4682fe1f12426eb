using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>A portal whose sign-in page also offers an OpenID provider: oidc-provider from npm, started for these tests.</summary>
public sealed class PortalWithOidc : IAsyncLifetime
{
    public PortalAndBrowser Inner { get; } = new();
    public NodePeer Provider { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        Inner.Portal.Settings["Portal:Oidc:Provider"] = "oidc";
        Inner.Portal.Settings["Portal:Oidc:DisplayName"] = "Test SSO";
        Inner.Portal.Settings["Portal:Oidc:Authority"] = $"http://127.0.0.1:{port}";
        Inner.Portal.Settings["Portal:Oidc:ClientId"] = "arc-portal";
        Inner.Portal.Settings["Portal:Oidc:ClientSecret"] = "arc-portal-secret";
        Inner.Portal.Settings["Portal:Oidc:AllowHttp"] = "true";
        await Inner.InitializeAsync();
        Provider = await NodePeer.StartAsync(Path.Combine(AppContext.BaseDirectory, "scripts", "oidc-provider.mjs"), _ => [], ".well-known/openid-configuration",
            new Dictionary<string, string> { ["ARC_TOOLS"] = NodePeer.ToolsDirectory, ["REDIRECT_URI"] = new Uri(Inner.Portal.BaseAddress, "signin-oidc").ToString() },
            port);
    }

    public async Task DisposeAsync()
    {
        await Inner.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

[Trait("Category", "Browser")]
public sealed class ExternalSignInTests(PortalWithOidc fixture, ITestOutputHelper output) : IClassFixture<PortalWithOidc>, IDisposable
{
    public void Dispose() => BrowserTest.AssertNoServerErrors(fixture.Inner.Portal, output);

    private async Task<IPage> ProviderLoginAsync(string email)
    {
        var page = await fixture.Inner.NewPageAsync();
        // The provider's development pages import a web font; nothing leaves this machine.
        await page.RouteAsync(url => !url.StartsWith("http://127.0.0.1", StringComparison.Ordinal), route => route.AbortAsync());
        await page.GotoAsync("account/login");
        await page.GetByTestId("external-sign-in").ClickAsync();
        await page.FillAsync("input[name=login]", email);
        await page.FillAsync("input[name=password]", "anything");
        await page.ClickAsync("button[type=submit]");
        var consent = page.GetByRole(AriaRole.Button, new() { Name = "Continue" });
        if (await consent.IsVisibleAsync())
            await consent.ClickAsync();
        return page;
    }

    [Fact]
    public async Task A_portal_user_signs_in_through_the_openid_provider()
    {
        var email = $"sso-{Guid.NewGuid():N}"[..12] + "@arc.test";
        await fixture.Inner.Portal.CreateUserAsync(email, "support");

        var page = await ProviderLoginAsync(email);

        await Expect(page).Not.ToHaveURLAsync(new Regex("/account/login|127\\.0\\.0\\.1:" + fixture.Provider.Port));
        await page.GotoAsync("vehicles");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vehicles", Exact = true })).ToBeVisibleAsync();
        await using var db = fixture.Inner.Portal.CreateDb();
        Assert.Equal($"oidc|{email}", db.UserSet.Single(u => u.Email == email).ExternalSubject);
    }

    [Fact]
    public async Task Someone_without_a_portal_account_is_sent_back_with_an_explanation()
    {
        var page = await ProviderLoginAsync($"stranger-{Guid.NewGuid():N}"[..17] + "@arc.test");
        await Expect(page.GetByTestId("external-error")).ToContainTextAsync("There is no portal account for you yet");
        await PortalAndBrowser.ScreenshotAsync(page, "external-sign-in-refused");
        await page.GotoAsync("account/login?external=<script>alert(1)</script>");
        await Expect(page.GetByTestId("external-error")).ToHaveCountAsync(0);
    }

    /// <summary>Marks the account "MFA required", with an authenticator whose key is returned when asked for one.</summary>
    private async Task<byte[]?> RequireMfaAsync(string username, bool withAuthenticator)
    {
        await using var db = fixture.Inner.Portal.CreateDb();
        var user = await db.UserSet.SingleAsync(u => u.Username == username);
        user.Mfa = Arc.Domain.Users.MfaPreference.Required;
        byte[]? secret = null;
        if (withAuthenticator)
        {
            secret = System.Security.Cryptography.RandomNumberGenerator.GetBytes(20);
            var sealedSecret = await fixture.Inner.Portal.Services.GetRequiredService<Arc.Domain.Authorities.IKeyVault>().SealAsync(secret, Arc.Domain.Authorities.SealContext.Totp(username));
            (user.TotpCiphertext, user.TotpKeyReference, user.TotpEnabled) = (sealedSecret.Ciphertext, sealedSecret.KeyReference, true);
        }
        await db.SaveChangesAsync();
        return secret;
    }

    [Fact]
    public async Task An_mfa_required_account_passes_the_portals_code_step_when_the_provider_asked_for_no_second_factor()
    {
        var email = $"mfa-{Guid.NewGuid():N}"[..12] + "@arc.test";
        var secret = await RequireMfaAsync(await fixture.Inner.Portal.CreateUserAsync(email, "support"), withAuthenticator: true);

        var page = await ProviderLoginAsync(email);
        await Expect(page.Locator("#code")).ToBeVisibleAsync();
        // "The provider said who you are" travels in a short-lived cookie, not in the address bar or history.
        Assert.DoesNotMatch("[A-Za-z0-9_-]{60,}", page.Url);
        await page.FillAsync("#code", Arc.Domain.Users.Totp.Compute(secret!, Arc.Domain.Users.Totp.Counter(DateTimeOffset.UtcNow)));
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await page.GotoAsync("vehicles");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vehicles", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_mfa_required_account_without_an_authenticator_is_told_why_the_provider_sign_in_was_refused()
    {
        var email = $"nomfa-{Guid.NewGuid():N}"[..14] + "@arc.test";
        await RequireMfaAsync(await fixture.Inner.Portal.CreateUserAsync(email, "support"), withAuthenticator: false);
        var page = await ProviderLoginAsync(email);
        await Expect(page.GetByTestId("external-error")).ToContainTextAsync("multi-factor authentication");
        await page.GotoAsync("vehicles");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
    }
}
