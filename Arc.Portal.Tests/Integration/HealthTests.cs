using System.Net;
using System.Text.Json;
using Arc.Infrastructure.Health;
using Arc.Portal.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Arc.Portal.Tests.Integration;

/// <summary>A portal whose health report includes a probe that counts how often the checks run.</summary>
public sealed class CountedHealthPortal : IAsyncLifetime
{
    private int _rounds;

    public PortalServer Portal { get; } = new();

    public int Rounds => Volatile.Read(ref _rounds);

    public Task InitializeAsync()
    {
        Portal.Settings["Health:CacheFor"] = "00:01:00";
        Portal.ConfigureServices = services => services.AddHealthChecks().AddCheck("probe", () =>
        {
            Interlocked.Increment(ref _rounds);
            return HealthCheckResult.Healthy("counted");
        });
        return Portal.InitializeAsync();
    }

    public Task DisposeAsync() => Portal.DisposeAsync();
}

public sealed class HealthTests(CountedHealthPortal fixture) : IClassFixture<CountedHealthPortal>
{
    [Fact]
    public async Task Calls_within_the_cache_period_are_answered_from_one_round_of_checks()
    {
        using var client = new HttpClient { BaseAddress = fixture.Portal.BaseAddress };
        var before = fixture.Rounds;

        var first = await client.GetStringAsync("health");
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.GetStringAsync("health")));

        Assert.Equal(before + 1, fixture.Rounds);
        Assert.All(answers, a => Assert.Equal(first, a));
        using var json = JsonDocument.Parse(first);
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("postgresql").GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("influxdb").GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("intake").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_store_going_down_is_reported_once_the_cached_report_has_expired()
    {
        var store = new SwitchableCheck();
        var services = new ServiceCollection().AddLogging();
        services.AddHealthChecks().AddCheck("store", store);
        await using var provider = services.BuildServiceProvider();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var cache = new HealthReportCache(provider.GetRequiredService<HealthCheckService>(),
            Options.Create(new HealthOptions { CacheFor = TimeSpan.FromSeconds(5) }), time);

        Assert.Equal(HealthStatus.Healthy, (await cache.GetAsync(default)).Status);
        store.Down = true;
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(HealthStatus.Healthy, (await cache.GetAsync(default)).Status);
        Assert.Equal(1, store.Calls);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HealthStatus.Unhealthy, (await cache.GetAsync(default)).Status);
        Assert.Equal(2, store.Calls);
    }

    [Fact]
    public async Task An_unhealthy_report_answers_503_without_exception_details()
    {
        var store = new SwitchableCheck { Down = true };
        var services = new ServiceCollection().AddLogging();
        services.AddHealthChecks().AddCheck("store", store);
        await using var provider = services.BuildServiceProvider();
        using var cache = new HealthReportCache(provider.GetRequiredService<HealthCheckService>(), Options.Create(new HealthOptions()), TimeProvider.System);
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        await HealthReportWriter.WriteAsync(context, cache);

        Assert.Equal((int)HttpStatusCode.ServiceUnavailable, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.Contains("\"Unhealthy\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Connection refused", body, StringComparison.Ordinal);
    }

    private sealed class SwitchableCheck : IHealthCheck
    {
        private int _calls;

        public bool Down { get; set; }
        public int Calls => Volatile.Read(ref _calls);

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult(Down
                ? HealthCheckResult.Unhealthy("The store does not answer.", new HttpRequestException("Connection refused (10.0.0.5:8086)"))
                : HealthCheckResult.Healthy("The store answers."));
        }
    }
}
