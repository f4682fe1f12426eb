using System.ComponentModel.DataAnnotations;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Arc.Infrastructure.Health;

/// <summary>PostgreSQL answers a query.</summary>
public sealed class PostgresHealthCheck(IDbContextFactory<ArcDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            return await db.Database.CanConnectAsync(ct)
                ? HealthCheckResult.Healthy("PostgreSQL answers.")
                : HealthCheckResult.Unhealthy("PostgreSQL does not answer.");
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer.", e);
        }
    }
}

/// <summary>InfluxDB answers /ping.</summary>
public sealed class InfluxHealthCheck(IHttpClientFactory clients) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            using var response = await clients.CreateClient(InfrastructureServiceCollectionExtensions.TelemetryClient).GetAsync("ping", ct);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy("InfluxDB answers.")
                : HealthCheckResult.Unhealthy($"InfluxDB answered {(int)response.StatusCode}.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy("InfluxDB does not answer.", e);
        }
    }
}

/// <summary><c>Health</c>: how long one round of checks answers <c>/health</c> (0 checks on every call).</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    [Range(typeof(TimeSpan), "00:00:00", "00:05:00", ErrorMessage = "Health:CacheFor must be between 00:00:00 and 00:05:00.")]
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// The last health report, kept for <see cref="HealthOptions.CacheFor"/>: a load balancer or monitor polling
/// <c>/health</c> from several places costs the stores one round of checks per period, and callers arriving while a
/// round runs wait for it instead of starting their own.
/// </summary>
public sealed class HealthReportCache(HealthCheckService checks, IOptions<HealthOptions> options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Taken? _last;

    public async Task<HealthReport> GetAsync(CancellationToken ct)
    {
        if (Fresh() is { } report)
            return report;
        await _gate.WaitAsync(ct);
        try
        {
            if (Fresh() is { } again)
                return again;
            var checkedNow = await checks.CheckHealthAsync(ct);
            _last = new Taken(checkedNow, time.GetUtcNow());
            return checkedNow;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private HealthReport? Fresh() => _last is { } last && time.GetUtcNow() - last.At < options.Value.CacheFor ? last.Report : null;

    private sealed record Taken(HealthReport Report, DateTimeOffset At);
}
