using System.Globalization;
using System.Threading.RateLimiting;
using Arc.Portal.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Arc.Portal.Api;

/// <summary>
/// The HTTP API's limiter: a fixed window of a minute for each service credential (each signed-in person, each address
/// for calls without either), so one busy client cannot starve the others. Over the limit: 429 with Retry-After.
/// </summary>
public sealed class ApiRateLimit(IOptions<ApiTokenOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "api";

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetFixedWindowLimiter(PartitionOf(httpContext), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.Value.PermitsPerMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    /// <summary>Needs the request's principal: the limiter runs after authentication.</summary>
    public static string PartitionOf(HttpContext context) =>
        context.User.Credential() is { } token ? "credential:" + token.CredentialId.ToString(CultureInfo.InvariantCulture)
        : context.User.Username() is { } username ? "user:" + username
        : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, ct) =>
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
                Detail = $"This client has made {options.Value.PermitsPerMinute} calls this minute; try again in {seconds} seconds.",
            },
        });
    };
}
