using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Arc.Portal.Tests.Support;
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
}
