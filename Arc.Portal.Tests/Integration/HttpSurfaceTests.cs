using System.Net;
using System.Text.Json;
using Arc.Portal.Security;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration;

public sealed class HttpSurfaceTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private HttpClient Client(bool redirects = false) =>
        new(new HttpClientHandler { AllowAutoRedirect = redirects }) { BaseAddress = portal.BaseAddress };

    [Fact]
    public async Task Health_reports_postgresql_and_influxdb()
    {
        using var client = Client();
        var body = await client.GetStringAsync("health");
        using var json = JsonDocument.Parse(body);
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("postgresql").GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("influxdb").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_error_page_names_the_requests_reference()
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "error");
        request.Headers.Add(RequestCorrelation.Header, "ref-4711-abcd");
        using var response = await client.SendAsync(request);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("ref-4711-abcd</code>", page, StringComparison.Ordinal);
        Assert.Equal("ref-4711-abcd", response.Headers.GetValues(RequestCorrelation.Header).Single());
    }

    [Theory]
    [InlineData("account/login")]
    [InlineData("health")]
    [InlineData("vehicles")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var client = Client();
        using var response = await client.GetAsync(path);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline' ; script", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.True(response.Headers.Contains(RequestCorrelation.Header));
    }

    [Theory]
    [InlineData("audit")]
    [InlineData("vehicles/provision/bulk/1/identities.zip")]
    [InlineData("fleets/insurer-exports")]
    [InlineData("fleets/insurer-exports/1/file")]
    public async Task Pages_and_downloads_redirect_an_anonymous_visitor_to_sign_in(string path)
    {
        using var client = Client();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Form_posts_without_an_antiforgery_token_are_refused()
    {
        using var client = Client();
        using var logout = await client.PostAsync("account/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        using var login = await client.PostAsync("account/login", new FormUrlEncodedContent(
            [new("_handler", "login"), new("Input.Email", PortalServer.AdminEmail), new("Input.Password", PortalServer.AdminPassword)]));
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
    }

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("/%2F%2Fevil.example")]
    [InlineData("https://evil.example/vehicles")]
    public async Task A_sign_in_with_a_hostile_return_url_lands_on_the_portal(string returnUrl)
    {
        using var client = HttpSignIn.Client(portal.BaseAddress);
        using var response = await HttpSignIn.PostAsync(client, PortalServer.AdminEmail, PortalServer.AdminPassword,
            "?returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var landing = new Uri(portal.BaseAddress, response.Headers.Location!);
        Assert.Equal(portal.BaseAddress.Authority, landing.Authority);
        Assert.Equal("/vehicles", landing.AbsolutePath);
    }

    [Fact]
    public async Task In_development_the_session_cookie_is_arc_session_for_plain_http()
    {
        using var client = HttpSignIn.Client(portal.BaseAddress);
        using var response = await HttpSignIn.PostAsync(client, PortalServer.AdminEmail, PortalServer.AdminPassword, "?returnUrl=%2Fprofile");
        Assert.Equal("/profile", new Uri(portal.BaseAddress, response.Headers.Location!).PathAndQuery);
        var cookie = HttpSignIn.SetCookie(response, SessionCookie.DevelopmentName);
        Assert.NotNull(cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_well_formed_correlation_id_is_kept_and_a_hostile_one_replaced()
    {
        using var client = Client();
        using var good = new HttpRequestMessage(HttpMethod.Get, "health");
        good.Headers.Add(RequestCorrelation.Header, "abc-12345678");
        using var goodResponse = await client.SendAsync(good);
        Assert.Equal("abc-12345678", goodResponse.Headers.GetValues(RequestCorrelation.Header).Single());

        using var bad = new HttpRequestMessage(HttpMethod.Get, "health");
        bad.Headers.TryAddWithoutValidation(RequestCorrelation.Header, "<script>alert(1)</script>");
        using var badResponse = await client.SendAsync(bad);
        Assert.Matches("^[0-9a-f]{32}$", badResponse.Headers.GetValues(RequestCorrelation.Header).Single());
    }
}

/// <summary>A portal of its own with the production sign-in limit, so the other tests' sign-ins do not count.</summary>
public sealed class LimitedPortal : IAsyncLifetime
{
    public PortalServer Portal { get; } = new();

    public Task InitializeAsync()
    {
        Portal.Settings[Arc.Portal.Security.SignInThrottle.Setting] = Arc.Portal.Security.SignInThrottle.DefaultPermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Portal.InitializeAsync();
    }

    public Task DisposeAsync() => Portal.DisposeAsync();
}

public sealed class SignInThrottleTests(LimitedPortal fixture) : IClassFixture<LimitedPortal>
{
    [Fact]
    public async Task Sign_in_posts_are_rate_limited_per_client()
    {
        using var client = new HttpClient { BaseAddress = fixture.Portal.BaseAddress };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var response = await client.PostAsync("account/login", new FormUrlEncodedContent([]));
            statuses.Add(response.StatusCode);
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }
}
