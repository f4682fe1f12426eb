using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Arc.Portal.Security;

/// <summary>
/// The one shape of the portal's rate limits: a fixed window of a minute per partition (an address, a credential), and
/// over the limit a 429 with Retry-After and a problem saying when to try again, like the portal's other refusals.
/// </summary>
public static class MinuteRateLimits
{
    public static RateLimitPartition<string> PerMinute(string partition, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    /// <summary>The client's address (the forwarded one behind a proxy), for the public endpoints.</summary>
    public static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>The 429 answer; <paramref name="detail"/> says who was limited, given the seconds to wait.</summary>
    public static Func<OnRejectedContext, CancellationToken, ValueTask> RejectWithProblem(Func<HttpContext, int, string> detail) => async (context, ct) =>
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests.", Detail = detail(http, seconds) },
        });
    };

    /// <summary>The refusal of the public endpoints, limited per address.</summary>
    public static Func<OnRejectedContext, CancellationToken, ValueTask> PerAddressRefusal { get; } =
        RejectWithProblem((_, seconds) => $"Too many requests from this address; try again in {seconds} seconds.");
}
