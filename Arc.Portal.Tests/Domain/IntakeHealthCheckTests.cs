using Arc.Domain.Intake;
using Arc.Infrastructure.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Arc.Portal.Tests.Domain;

/// <summary>What /health says of the intake: degraded while writes fail or the VIN index is four-fifths full.</summary>
public sealed class IntakeHealthCheckTests
{
    private sealed class Status(DateTimeOffset? since, long vins, long limit, bool countFails = false) : IIntakeStatus
    {
        public (DateTimeOffset? Since, string? Reason) Failing => (since, since is null ? null : "The telemetry store did not accept the write.");

        public Task<(long Vins, long Limit)> VinCapacityAsync(CancellationToken ct) =>
            countFails ? throw new HttpRequestException("Connection refused") : Task.FromResult((vins, limit));
    }

    private static Task<HealthCheckResult> CheckAsync(IIntakeStatus status) => new IntakeHealthCheck(status).CheckHealthAsync(new HealthCheckContext());

    [Fact]
    public async Task Succeeding_writes_with_room_in_the_index_are_healthy_and_say_how_full_it_is()
    {
        var result = await CheckAsync(new Status(null, 79_999, 100_000));
        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Contains("79,999 of 100,000", result.Description);
    }

    [Fact]
    public async Task An_index_four_fifths_full_is_degraded_with_what_to_do()
    {
        var result = await CheckAsync(new Status(null, 80_000, 100_000));
        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("80,000 of at most 100,000", result.Description);
        Assert.Contains("max-values-per-tag", result.Description);
    }

    [Fact]
    public async Task Failing_writes_are_degraded_with_since_when_and_why()
    {
        var since = new DateTimeOffset(2026, 12, 2, 9, 30, 0, TimeSpan.Zero);
        var result = await CheckAsync(new Status(since, 10, 100_000));
        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("2026-12-02 09:30:00 UTC", result.Description);
        Assert.Contains("did not accept the write", result.Description);
    }

    [Fact]
    public async Task No_limit_configured_or_no_count_available_is_not_a_warning()
    {
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(new Status(null, 5_000_000, 0))).Status);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(new Status(null, 0, 100_000, countFails: true))).Status);
    }
}
