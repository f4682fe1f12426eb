using System.Threading.RateLimiting;

namespace Arc.Portal.Security;

/// <summary>
/// Limits sign-in form posts to a burst of ten a minute (configurable) per client address, on top of the per-account lockout, so a
/// guessing script is slowed for every account at once. Over the limit the answer is 429 and the form is not run.
/// </summary>
public sealed class SignInThrottle(IConfiguration configuration) : IDisposable
{
    public const string Setting = "Portal:SignIn:PermitsPerMinute";
    public const int DefaultPermitsPerMinute = 10;

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Clamp(configuration.GetValue(Setting, DefaultPermitsPerMinute), 1, 10_000),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public static IApplicationBuilder Use(IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // The token endpoint takes secrets as the sign-in form takes passwords: guessing is slowed the same way.
            if (HttpMethods.IsPost(context.Request.Method)
                && (context.Request.Path.StartsWithSegments("/account/login") || context.Request.Path.StartsWithSegments(Auth.ServiceCredentialTokens.TokenPath)))
            {
                var throttle = context.RequestServices.GetRequiredService<SignInThrottle>();
                using var lease = throttle._limiter.AttemptAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                if (!lease.IsAcquired)
                {
                    context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                    context.Response.Headers.RetryAfter = "60";
                    await context.Response.WriteAsync("Too many sign-in attempts. Wait a minute and try again.");
                    return;
                }
            }
            await next();
        });

    public void Dispose() => _limiter.Dispose();
}
