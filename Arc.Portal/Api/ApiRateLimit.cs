using System.Globalization;
using System.Threading.RateLimiting;
using Arc.Portal.Auth;
using Arc.Portal.Security;
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
        MinuteRateLimits.PerMinute(PartitionOf(httpContext), options.Value.PermitsPerMinute);

    /// <summary>Needs the request's principal: the limiter runs after authentication.</summary>
    public static string PartitionOf(HttpContext context) =>
        context.User.Credential() is { } token ? "credential:" + token.CredentialId.ToString(CultureInfo.InvariantCulture)
        : context.User.Username() is { } username ? "user:" + username
        : "address:" + MinuteRateLimits.Address(context);

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => MinuteRateLimits.RejectWithProblem((_, seconds) =>
        $"This client has made {options.Value.PermitsPerMinute} calls this minute; try again in {seconds} seconds.");
}
