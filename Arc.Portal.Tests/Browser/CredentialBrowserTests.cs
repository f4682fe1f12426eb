using System.Net;
using Arc.Portal.Tests.Integration.Api;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>Issue 17: an administrator creates a service credential, sees its secret once, and revokes it.</summary>
public sealed class CredentialBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task An_administrator_creates_a_credential_sees_the_secret_once_and_revokes_it()
    {
        var portal = Fixture.Portal;
        var name = $"Factory line {Guid.NewGuid():N}"[..22];
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("credentials");
        await Expect(page.GetByTestId("credential-table")).ToBeVisibleAsync();

        await page.GetByTestId("new-credential").ClickAsync();
        await page.Locator("#credential-name").FillAsync(name);
        await page.Locator("#credential-description").FillAsync("Provisions vehicles at the end of line 2");
        await page.GetByTestId("credential-groups").ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { Name = "Provision", Exact = true }).ClickAsync();
        await CloseListAsync(page);
        await page.GetByTestId("create-credential").ClickAsync();

        await Expect(page.GetByTestId("secret-warning")).ToContainTextAsync("shown only this once");
        var clientId = await page.Locator("#issued-client-id").InputValueAsync();
        var secret = await page.Locator("#issued-secret").InputValueAsync();
        Assert.StartsWith("arc-", clientId, StringComparison.Ordinal);
        Assert.StartsWith("arcs_", secret, StringComparison.Ordinal);
        await ScreenshotDialogBothThemesAsync(page, "credential-secret-once");

        // The secret shown is the one that works.
        using var client = new HttpClient { BaseAddress = portal.BaseAddress };
        using (var token = await ApiClient.RequestTokenAsync(client, clientId, secret))
            Assert.Equal(HttpStatusCode.OK, token.StatusCode);

        await page.GetByTestId("credential-done").ClickAsync();
        var row = page.GetByTestId("credential-table").Locator("tbody tr", new() { HasText = clientId });
        await Expect(row).ToContainTextAsync(name);
        await Expect(row).ToContainTextAsync("Provision");
        await Expect(row.GetByTestId("credential-status")).ToHaveTextAsync("Active");
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);

        await row.GetByTestId("revoke").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync("cannot be undone");
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
        await Expect(row.GetByTestId("credential-status")).ToHaveTextAsync("Revoked");
        await Expect(row.GetByTestId("revoke")).ToHaveCountAsync(0);
        await ScreenshotBothThemesAsync(page, "credentials-list");

        using var refused = await ApiClient.RequestTokenAsync(client, clientId, secret);
        Assert.False(refused.IsSuccessStatusCode);
    }

    [Fact]
    public async Task An_administrator_creates_a_certificate_credential_and_downloads_a_key_that_matches_its_certificate()
    {
        var name = $"Partner {Guid.NewGuid():N}"[..18];
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("credentials");
        await page.GetByTestId("new-credential").ClickAsync();
        await page.Locator("#credential-name").FillAsync(name);
        await page.GetByTestId("credential-groups").ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { Name = "Arcimoto Support", Exact = true }).ClickAsync();
        await CloseListAsync(page);
        await page.GetByText("A client certificate (mutual TLS)").ClickAsync();
        await page.GetByTestId("create-credential").ClickAsync();

        await Expect(page.GetByTestId("certificate-warning")).ToContainTextAsync("shown only this once");
        var clientId = await page.Locator("#issued-client-id").InputValueAsync();
        var thumbprint = await page.Locator("#issued-thumbprint").InputValueAsync();
        await ScreenshotDialogBothThemesAsync(page, "credential-certificate-once");
        var certificateFile = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-certificate").ClickAsync());
        var keyFile = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-key").ClickAsync());
        Assert.Equal((clientId + ".crt", clientId + ".key"), (certificateFile.SuggestedFilename, keyFile.SuggestedFilename));
        var certificatePem = await File.ReadAllTextAsync((await certificateFile.PathAsync())!);
        var keyPem = await File.ReadAllTextAsync((await keyFile.PathAsync())!);
        // The pair loads as one identity (a key of another certificate would not), named after the client id.
        using var identity = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(certificatePem, keyPem);
        Assert.Equal(clientId, identity.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false));
        Assert.Equal(thumbprint, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(identity.RawData)));

        await page.GetByTestId("credential-done").ClickAsync();
        var row = page.GetByTestId("credential-table").Locator("tbody tr", new() { HasText = clientId });
        await Expect(row.GetByTestId("credential-proof")).ToHaveTextAsync("Client certificate");
        Assert.DoesNotContain("PRIVATE KEY", await page.ContentAsync(), StringComparison.Ordinal);
    }

    /// <summary>
    /// As <see cref="BrowserTest.ScreenshotBothThemesAsync"/> while a modal dialog covers the app bar: the theme toggle is
    /// clicked by an event sent to it, since the dialog's backdrop takes pointer clicks (this dialog keeps the secret on screen).
    /// </summary>
    private static async Task ScreenshotDialogBothThemesAsync(IPage page, string name)
    {
        await PortalAndBrowser.ScreenshotAsync(page, name, fullPage: false);
        var body = page.Locator("body");
        var light = await body.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        await page.GetByTestId("theme-toggle").DispatchEventAsync("click");
        await Expect(body).Not.ToHaveCSSAsync("background-color", light);
        await PortalAndBrowser.ScreenshotAsync(page, name + "-dark", fullPage: false);
        await page.GetByTestId("theme-toggle").DispatchEventAsync("click");
        await Expect(body).ToHaveCSSAsync("background-color", light);
    }

    /// <summary>
    /// Closes a multi-select's open list with Escape, as a person would. On a loaded machine the first key can arrive
    /// before the list listens for it; then it is pressed again rather than the next click landing on an option.
    /// </summary>
    private static async Task CloseListAsync(IPage page)
    {
        var open = page.Locator(".mud-popover-open");
        for (var attempt = 0; attempt < 3 && await open.CountAsync() > 0; attempt++)
        {
            await page.Keyboard.PressAsync("Escape");
            try
            {
                await Expect(open).ToHaveCountAsync(0, new() { Timeout = 3_000 });
            }
            catch (PlaywrightException)
            {
                // Still open: press again.
            }
        }
        await Expect(open).ToHaveCountAsync(0);
    }
}
