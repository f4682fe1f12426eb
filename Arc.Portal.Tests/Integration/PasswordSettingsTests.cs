using Arc.Portal.Security;
using Arc.Portal.Tests.Support;
using Microsoft.Extensions.Options;

namespace Arc.Portal.Tests.Integration;

public sealed class PasswordSettingsTests
{
    [Fact]
    public async Task A_minimum_length_below_8_stops_the_portal_from_starting()
    {
        var portal = new PortalServer { Settings = { ["Portal:Passwords:MinLength"] = "7" } };
        try
        {
            var refused = await Assert.ThrowsAsync<OptionsValidationException>(portal.InitializeAsync);
            Assert.Contains("MinLength", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            await portal.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_change_password_page_states_the_configured_minimum_length()
    {
        const string adminPassword = "a long enough first key phrase";
        var portal = new PortalServer { Settings = { ["Portal:Passwords:MinLength"] = "16", ["Portal:Admin:Password"] = adminPassword } };
        try
        {
            await portal.InitializeAsync();
            using var client = HttpSignIn.Client(portal.BaseAddress);
            using var signedIn = await HttpSignIn.PostAsync(client, PortalServer.AdminEmail, adminPassword);
            var session = HttpSignIn.SetCookie(signedIn, SessionCookie.DevelopmentName)!.Split(';')[0];
            using var request = new HttpRequestMessage(HttpMethod.Get, "account/change-password");
            request.Headers.Add("Cookie", session);
            using var page = await client.SendAsync(request);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("At least 16 characters", html, StringComparison.Ordinal);
            Assert.DoesNotContain("upper and lower case", html, StringComparison.Ordinal);
        }
        finally
        {
            await portal.DisposeAsync();
        }
    }
}
