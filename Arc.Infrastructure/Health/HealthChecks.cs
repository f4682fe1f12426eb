using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

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
