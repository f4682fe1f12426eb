using Arc.Domain.Intake;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Arc.Infrastructure.Health;

/// <summary>
/// The intake, for whoever watches <c>/health</c> rather than the intake page: degraded while telemetry writes keep
/// failing, and when InfluxDB's VIN index is four-fifths full (at the limit it refuses every new vehicle's points).
/// Degraded, not unhealthy: the portal still serves its pages, and a load balancer must not take it out for this.
/// </summary>
public sealed class IntakeHealthCheck(IIntakeStatus status) : IHealthCheck
{
    public const double WarnAtShare = 0.8;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (status.Failing is { Since: { } since, Reason: var reason })
            return HealthCheckResult.Degraded($"Telemetry writes have failed since {since:yyyy-MM-dd HH:mm:ss} UTC: {reason}");
        try
        {
            var (vins, limit) = await status.VinCapacityAsync(ct);
            if (limit > 0 && vins >= limit * WarnAtShare)
                return HealthCheckResult.Degraded(
                    $"InfluxDB's VIN index holds {vins:N0} of at most {limit:N0} (max-values-per-tag); raise the limit before new vehicles are refused.");
            return HealthCheckResult.Healthy(limit > 0 ? $"Writes succeed; {vins:N0} of {limit:N0} VINs in the index." : "Writes succeed.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // InfluxDB's own check says whether it answers; this one only lacks the count.
            return HealthCheckResult.Healthy("Writes succeed; the VIN index could not be counted.");
        }
    }
}
