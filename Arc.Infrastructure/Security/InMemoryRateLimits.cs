using System.Threading.RateLimiting;
using Arc.Domain.Audit;
using Arc.Domain.Common;

namespace Arc.Infrastructure.Security;

/// <summary>
/// The node's rate-limit counters: a fixed window per partition (user and operation, or a throttled address), held
/// in memory. Idle partitions are dropped by the partitioned limiter, so unknown keys do not pile up.
/// </summary>
public sealed class RateLimitCounters : IDisposable
{
    private readonly PartitionedRateLimiter<Partition> _limiter = PartitionedRateLimiter.Create<Partition, Partition>(partition =>
        RateLimitPartition.GetFixedWindowLimiter(partition, key => new FixedWindowRateLimiterOptions
        {
            PermitLimit = key.Permits,
            Window = key.Window,
            QueueLimit = 0,
        }));

    /// <summary>Takes a permit; when refused, how long until the window frees up again.</summary>
    public bool TryAcquire(string key, int permits, TimeSpan window, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(new Partition(key, permits, window));
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();

    // The limit is part of the key, so a changed setting starts a fresh window instead of reusing an old limiter.
    private sealed record Partition(string Key, int Permits, TimeSpan Window);
}

/// <summary>Per-user limits from <see cref="RateLimitOptions"/>; a refusal is audited as <c>rate.limited</c> in a unit of work of its own.</summary>
public sealed class InMemoryRateLimits(RateLimitCounters counters, RateLimitOptions options, IArcDataFactory dataFactory, AuditTrail audit, TimeProvider time)
    : IRateLimits
{
    public async Task RequireAsync(string username, string operation, CancellationToken ct = default)
    {
        var limit = options.For(operation);
        if (counters.TryAcquire($"{operation}|{username}", limit.Permits, limit.Window, out var retryAfter))
            return;
        var retryAt = time.GetUtcNow() + retryAfter;
        // Shown to the minute: round up so the time given is never too early.
        retryAt = retryAt.AddTicks(-(retryAt.Ticks % TimeSpan.TicksPerMinute)).AddMinutes(retryAt.Ticks % TimeSpan.TicksPerMinute == 0 ? 0 : 1);
        await using (var data = dataFactory.Open())
        {
            audit.Record(data, username, AuditActions.RateLimited, AuditEntityTypes.User, username,
                new { operation, limit.Permits, window = limit.Window.ToString(), retryAt });
            await data.SaveChangesAsync(CancellationToken.None);
        }
        throw new TooManyRequestsException(RateLimitedOperations.Refusal(operation, limit, retryAt));
    }

    public bool TryAcquire(string partition, int permits, TimeSpan window) => counters.TryAcquire(partition, permits, window, out _);
}
