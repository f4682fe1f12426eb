using System.Text.RegularExpressions;
using Arc.Domain.Common;

namespace Arc.Portal.Security;

/// <summary>
/// The correlation id of the current scope: an HTTP request (taken from a well-formed X-Correlation-ID header or
/// made fresh) or a Blazor circuit (one id for the circuit's lifetime, so a session's events group together).
/// </summary>
public sealed partial class RequestCorrelation : ICorrelation
{
    public const string Header = "X-Correlation-ID";

    public string Id { get; private set; } = Guid.NewGuid().ToString("N");

    public void Adopt(string? candidate)
    {
        if (!string.IsNullOrEmpty(candidate) && Shape().IsMatch(candidate))
            Id = candidate;
    }

    /// <summary>
    /// Gives each request its id, in the answer's header and in a logging scope (<c>CorrelationId</c>), so what the
    /// server logs about a failed request, even one handled by the error page, carries the reference the user sees.
    /// </summary>
    public static IApplicationBuilder UseCorrelation(IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger<RequestCorrelation>();
        return app.Use(async (context, next) =>
        {
            var correlation = context.RequestServices.GetRequiredService<RequestCorrelation>();
            correlation.Adopt(context.Request.Headers[Header]);
            var id = correlation.Id;
            context.Items[Header] = id;
            // Set as the answer starts: an error page re-executed after a failure clears the headers set before it.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[Header] = id;
                return Task.CompletedTask;
            });
            using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
                await next();
        });
    }

    /// <summary>The id of the request (also inside the fresh scope an error page is rendered in).</summary>
    public static string? Of(HttpContext context) => context.Items[Header] as string;

    [GeneratedRegex("^[A-Za-z0-9-]{8,64}$")]
    private static partial Regex Shape();
}
