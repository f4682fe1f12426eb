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

    public static IApplicationBuilder UseCorrelation(IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var correlation = context.RequestServices.GetRequiredService<RequestCorrelation>();
            correlation.Adopt(context.Request.Headers[Header]);
            context.Response.Headers[Header] = correlation.Id;
            await next();
        });

    [GeneratedRegex("^[A-Za-z0-9-]{8,64}$")]
    private static partial Regex Shape();
}
