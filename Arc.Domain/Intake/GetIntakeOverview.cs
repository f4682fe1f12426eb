using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Intake;

/// <summary>The fleet's intake figures over one period.</summary>
public sealed record IntakePeriod(string Name, long Received, long Written, long Points, long Late, long Duplicate, long Refused,
    long DeadLettered, long Failed, int? LagP50Ms, int? LagP95Ms);

public sealed record IntakeOverview(IReadOnlyList<IntakePeriod> Periods, long Vehicles, long WaitingDeadLetters, DateTimeOffset? FailingSince,
    string? LastFailure, long? VinsInStore, long VinLimit)
{
    /// <summary>The store's VIN index is at 80 % of its limit or more: time to raise max-values-per-tag.</summary>
    public bool VinLimitNear => VinLimit > 0 && VinsInStore >= VinLimit * 0.8;
}

/// <summary>The intake page's header: what arrived in the last 5 minutes, hour and day, the lag, and what needs a person.</summary>
public sealed class GetIntakeOverview(IArcDataFactory dataFactory, ICurrentUser user, IIntakeStatus status, TimeProvider time) : IUseCase
{
    private static readonly (string Name, TimeSpan Length)[] Periods =
        [("Last 5 minutes", TimeSpan.FromMinutes(5)), ("Last hour", TimeSpan.FromHours(1)), ("Last 24 hours", TimeSpan.FromDays(1))];

    public async Task<IntakeOverview> HandleAsync(CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.IntakeRead, ct);
        var now = time.GetUtcNow();
        await using var data = dataFactory.Open();
        var since = now - Periods[^1].Length;
        var intervals = await data.ListAsync(data.IntakeIntervals.Where(i => i.End > since), ct);
        var periods = Periods.Select(p => Sum(p.Name, intervals.Where(i => i.End > now - p.Length).ToList())).ToList();
        var vehicles = await data.CountAsync(data.IntakeVehicleStats, ct);
        var waiting = await data.CountAsync(data.IntakeDeadLetters.Where(d => d.Status == DeadLetterStatus.Waiting), ct);
        long? vins = null;
        long limit = 0;
        try
        {
            (vins, limit) = await status.VinCapacityAsync(ct);
        }
        catch (ServiceUnavailableException)
        {
            // The page still shows the intake's own figures when the telemetry store does not answer.
        }
        var (failingSince, reason) = status.Failing;
        return new IntakeOverview(periods, vehicles, waiting, failingSince, reason, vins, limit);
    }

    private static IntakePeriod Sum(string name, IReadOnlyList<IntakeInterval> rows)
    {
        var buckets = new long[LagHistogram.BoundsMs.Count];
        foreach (var row in rows)
            for (var i = 0; i < Math.Min(buckets.Length, row.LagBuckets.Length); i++)
                buckets[i] += row.LagBuckets[i];
        return new IntakePeriod(name, rows.Sum(r => r.Received), rows.Sum(r => r.Written), rows.Sum(r => r.Points), rows.Sum(r => r.Late),
            rows.Sum(r => r.Duplicate), rows.Sum(r => r.Refused), rows.Sum(r => r.DeadLettered), rows.Sum(r => r.Failed),
            LagHistogram.Percentile(buckets, 0.5), LagHistogram.Percentile(buckets, 0.95));
    }
}
