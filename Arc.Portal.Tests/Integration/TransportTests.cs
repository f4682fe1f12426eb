using System.Net;
using Arc.Portal.Security;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration;

/// <summary>
/// A portal outside Development behind a load balancer at 127.0.0.1 (the only trusted proxy), with a low sign-in
/// limit and no configured first password, so it makes a one-time one.
/// </summary>
public sealed class ProxiedPortal : IAsyncLifetime
{
    public const string Proxy = "127.0.0.1";
    public const string Stranger = "127.0.0.2";
    public const int PermitsPerMinute = 3;

    public PortalServer Portal { get; } = new() { Environment = "Production" };
    public string PasswordFile { get; } = Path.Combine(Path.GetTempPath(), $"arc-first-admin-{Guid.NewGuid():N}", "password.txt");

    public Task InitializeAsync()
    {
        Portal.Settings["Portal:ForwardedHeaders:KnownProxies:0"] = Proxy;
        Portal.Settings[SignInThrottle.Setting] = PermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Portal.Settings["Portal:Admin:Password"] = "";
        Portal.Settings["Portal:Admin:PasswordFile"] = PasswordFile;
        return Portal.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Portal.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(PasswordFile)!, recursive: true);
    }
}

public sealed class TransportTests(ProxiedPortal fixture) : IClassFixture<ProxiedPortal>
{
    private static readonly Dictionary<string, string> OverHttps = new() { ["X-Forwarded-Proto"] = "https" };

    private async Task<HttpStatusCode[]> PostSignInsAsync(string source, Func<int, string> forwardedFor)
    {
        using var client = HttpSignIn.Client(fixture.Portal.BaseAddress, source);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= ProxiedPortal.PermitsPerMinute; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "account/login") { Content = new FormUrlEncodedContent([]) };
            request.Headers.Add("X-Forwarded-For", forwardedFor(i));
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }
        return [.. statuses];
    }

    [Fact]
    public async Task Behind_a_configured_proxy_each_forwarded_client_has_its_own_sign_in_limit()
    {
        var same = await PostSignInsAsync(ProxiedPortal.Proxy, _ => "203.0.113.7");
        Assert.Equal(HttpStatusCode.TooManyRequests, same[^1]);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, same[..^1]);

        var other = await PostSignInsAsync(ProxiedPortal.Proxy, _ => "203.0.113.8");
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, other[..^1]);
    }

    [Fact]
    public async Task From_an_address_that_is_not_a_configured_proxy_the_forwarded_address_is_ignored()
    {
        var statuses = await PostSignInsAsync(ProxiedPortal.Stranger, i => $"198.51.100.{i + 1}");
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task Over_https_the_portal_asks_browsers_to_use_https_for_a_year_including_subdomains()
    {
        using var client = HttpSignIn.Client(fixture.Portal.BaseAddress);
        using var request = new HttpRequestMessage(HttpMethod.Get, "health");
        request.Headers.Host = "portal.example.com";
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await client.SendAsync(request);
        Assert.Equal("max-age=31536000; includeSubDomains", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task The_first_administrator_signs_in_with_the_password_from_an_owner_only_file_and_gets_a_host_only_secure_cookie()
    {
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(fixture.PasswordFile));
        var password = File.ReadAllLines(fixture.PasswordFile).Single(l => l.StartsWith("One-time password: ", StringComparison.Ordinal))
            ["One-time password: ".Length..];

        using var client = HttpSignIn.Client(fixture.Portal.BaseAddress);
        using var response = await HttpSignIn.PostAsync(client, PortalServer.AdminEmail, password, headers: OverHttps);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/account/change-password", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var cookie = HttpSignIn.SetCookie(response, SessionCookie.SecureName);
        Assert.NotNull(cookie);
        var attributes = cookie.Split(';').Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("secure", attributes);
        Assert.Contains("path=/", attributes);
        Assert.Contains("httponly", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
        Assert.Null(HttpSignIn.SetCookie(response, SessionCookie.DevelopmentName));
    }
}
