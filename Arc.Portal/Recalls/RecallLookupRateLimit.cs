using System.Threading.RateLimiting;
using Arc.Portal.Statistics;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Arc.Portal.Recalls;

/// <summary>The public recall lookup's limiter: a fixed window of a minute per client address, refused as the statistic's is.</summary>
public sealed class RecallLookupRateLimit(IOptions<RecallLookupOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "recall-lookup";

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetFixedWindowLimiter(httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.PermitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => FleetStatisticsRateLimit.RejectWithProblem;
}
