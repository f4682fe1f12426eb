using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration.Api;

/// <summary>A portal whose API allows each client three calls a minute.</summary>
public sealed class TightApiPortal : IAsyncLifetime
{
    public PortalServer Portal { get; } = new() { Settings = { ["Api:Tokens:PermitsPerMinute"] = "3" } };

    public Task InitializeAsync() => Portal.InitializeAsync();
    public Task DisposeAsync() => Portal.DisposeAsync();
}

public sealed class ApiRateLimitTests(TightApiPortal fixture) : IClassFixture<TightApiPortal>
{
    [Fact]
    public async Task A_credential_over_its_limit_gets_429_with_retry_after_while_another_credential_goes_on()
    {
        var portal = fixture.Portal;
        using var client = new HttpClient { BaseAddress = portal.BaseAddress };
        var busy = await ApiClient.TokenAsync(client, await ApiClient.CreateCredentialAsync(portal, "Busy", "support"));
        var quiet = await ApiClient.TokenAsync(client, await ApiClient.CreateCredentialAsync(portal, "Quiet", "support"));
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await ApiClient.GetAsync(client, "api/v1/vehicles?pageSize=1", busy);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await ApiClient.GetAsync(client, "api/v1/vehicles?pageSize=1", busy);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var wait = int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        Assert.InRange(wait, 1, 60);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Too many requests.", problem.GetProperty("title").GetString());

        using var other = await ApiClient.GetAsync(client, "api/v1/vehicles?pageSize=1", quiet);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
