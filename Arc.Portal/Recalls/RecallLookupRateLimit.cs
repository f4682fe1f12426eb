using Arc.Portal.Security;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Arc.Portal.Recalls;

/// <summary>The public recall lookup's limiter: a minute's window per client address, refused as the statistic's is.</summary>
public sealed class RecallLookupRateLimit(IOptions<RecallLookupOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "recall-lookup";

    public System.Threading.RateLimiting.RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        MinuteRateLimits.PerMinute(MinuteRateLimits.Address(httpContext), options.Value.PermitsPerMinute);

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => MinuteRateLimits.PerAddressRefusal;
}
