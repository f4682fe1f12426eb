using System.Net;
using System.Net.Http.Json;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration;

/// <summary>The memory endpoint the circuits benchmark reads forces a full collection: Development only.</summary>
public sealed class DevelopmentDiagnosticsTests(PortalServer portal) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task A_Development_portal_reports_its_managed_and_resident_memory()
    {
        using var client = new HttpClient { BaseAddress = portal.BaseAddress };
        var report = await client.GetFromJsonAsync<Dictionary<string, long>>("_diag/memory");
        Assert.True(report!["managedBytes"] > 1_000_000, $"managed {report["managedBytes"]}");
        Assert.True(report["rssBytes"] > report["managedBytes"], $"resident {report["rssBytes"]}");
    }
}

public sealed class ProductionDiagnosticsTests(ProxiedPortal fixture) : IClassFixture<ProxiedPortal>
{
    [Fact]
    public async Task A_portal_outside_Development_treats_the_memory_endpoint_as_a_page_that_does_not_exist()
    {
        using var client = HttpSignIn.Client(fixture.Portal.BaseAddress, ProxiedPortal.Proxy);
        var (status, location) = await GetAsync(client, "_diag/memory");
        var (unknownStatus, unknownLocation) = await GetAsync(client, "_diag/no-such-thing");
        Assert.NotEqual(HttpStatusCode.OK, status);
        Assert.Equal((unknownStatus, unknownLocation?.Replace("no-such-thing", "memory", StringComparison.Ordinal)), (status, location));
    }

    private static async Task<(HttpStatusCode Status, string? Location)> GetAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await client.SendAsync(request);
        return (response.StatusCode, response.Headers.Location?.ToString());
    }
}
