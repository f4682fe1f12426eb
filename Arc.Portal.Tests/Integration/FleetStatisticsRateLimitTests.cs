using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration;

/// <summary>A portal whose public statistic allows three requests a minute from one address.</summary>
public sealed class TightStatisticsPortal : IAsyncLifetime
{
    public PortalServer Portal { get; } = new() { Settings = { ["Portal:Statistics:PermitsPerMinute"] = "3" } };

    public Task InitializeAsync() => Portal.InitializeAsync();
    public Task DisposeAsync() => Portal.DisposeAsync();
}

public sealed class FleetStatisticsRateLimitTests(TightStatisticsPortal fixture) : IClassFixture<TightStatisticsPortal>
{
    [Fact]
    public async Task A_client_over_the_limit_is_told_to_wait_with_a_429_and_retry_after_and_other_routes_are_not_limited()
    {
        using var client = new HttpClient { BaseAddress = fixture.Portal.BaseAddress };
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.GetAsync("statistics/v1");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
        // Refusals count too: an unknown fleet is no way around the limit.
        using var refused = await client.GetAsync("statistics/v1?fleet_name=Another");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var wait = int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        Assert.InRange(wait, 1, 60);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Too many requests.", problem.GetProperty("title").GetString());
        Assert.Contains($"try again in {wait} seconds", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var health = await client.GetAsync("health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
