using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Arc.Portal.Statistics;

/// <summary>
/// ASP.NET Core's rate limiter for the public statistic: a fixed window of a minute per client address (the forwarded
/// one behind a proxy). A refused request is answered 429 with Retry-After and a problem, like the portal's other refusals.
/// </summary>
public sealed class FleetStatisticsRateLimit(IOptions<FleetStatisticsOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "fleet-statistics";

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetFixedWindowLimiter(httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.PermitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectWithProblem;

    /// <summary>The 429 answer with Retry-After and a problem, shared by the portal's other public endpoints.</summary>
    public static Func<OnRejectedContext, CancellationToken, ValueTask> RejectWithProblem { get; } = async (context, ct) =>
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"Too many requests from this address; try again in {seconds} seconds.",
            },
        });
    };
}
