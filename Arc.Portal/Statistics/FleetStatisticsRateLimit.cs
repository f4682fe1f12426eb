using Arc.Portal.Security;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Arc.Portal.Statistics;

/// <summary>The public statistic's limiter: a minute's window per client address (the forwarded one behind a proxy).</summary>
public sealed class FleetStatisticsRateLimit(IOptions<FleetStatisticsOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "fleet-statistics";

    public System.Threading.RateLimiting.RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        MinuteRateLimits.PerMinute(MinuteRateLimits.Address(httpContext), options.Value.PermitsPerMinute);

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => MinuteRateLimits.PerAddressRefusal;
}
