using Arc.Domain.Users;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration;

/// <summary>The forgot-password page over HTTP: the throttle counts the connecting address and says so on the page.</summary>
public sealed partial class PasswordResetPageTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private async Task<string> PostRequestAsync(HttpClient client, string email)
    {
        using var page = await client.GetAsync("account/forgot-password");
        var token = TokenField().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        var cookies = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var post = new HttpRequestMessage(HttpMethod.Post, "account/forgot-password")
        {
            Content = new FormUrlEncodedContent([
                new("_handler", "forgot-request"), new("__RequestVerificationToken", System.Net.WebUtility.HtmlDecode(token)),
                new("RequestInput.Email", email)]),
        };
        post.Headers.Add("Cookie", cookies);
        using var answer = await client.SendAsync(post);
        return System.Net.WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_page_throttles_each_client_address_and_says_so()
    {
        using var busy = HttpSignIn.Client(portal.BaseAddress, "127.0.0.71");
        for (var i = 0; i < 10; i++)
            Assert.Contains(RequestPasswordReset.Answer, await PostRequestAsync(busy, $"nobody-{i}-{Guid.NewGuid():N}@arc.test"), StringComparison.Ordinal);
        Assert.Contains("Too many code requests from your network", await PostRequestAsync(busy, "someone@arc.test"), StringComparison.Ordinal);
        using var other = HttpSignIn.Client(portal.BaseAddress, "127.0.0.72");
        Assert.Contains(RequestPasswordReset.Answer, await PostRequestAsync(other, "someone@arc.test"), StringComparison.Ordinal);
    }

    [System.Text.RegularExpressions.GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex TokenField();
}
