using System.Diagnostics;
using System.Globalization;

namespace Arc.Portal.Api;

/// <summary>
/// How long an API operation's own work took in the portal, as a W3C Server Timing header: <c>Server-Timing: app;dur=1.71</c>
/// (milliseconds, from the call of the operation's use case to its answer, before the answer is written). A client sees how
/// much of a slow call was the portal's work and how much the network's and the API's; the api benchmark compares the
/// whole call against it (docs/benchmarks.md). Only operations that ran carry it: a call refused by its token or its
/// permission stops before, and one that wrote its answer itself (a file) has sent its headers before it could.
/// </summary>
public static class ServerTiming
{
    public const string Header = "Server-Timing";
    private const string Metric = "app";

    /// <summary>Marks the operations that answer with the header, for the OpenAPI document.</summary>
    public sealed class TimedMetadata
    {
        public static readonly TimedMetadata Instance = new();
    }

    /// <summary>Every operation of the group answers with its own time.</summary>
    public static RouteGroupBuilder WithServerTiming(this RouteGroupBuilder group)
    {
        group.WithMetadata(TimedMetadata.Instance).AddEndpointFilter(TimeAsync);
        return group;
    }

    private static async ValueTask<object?> TimeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await next(context);
        // An operation that wrote its answer itself (a file download) has sent its headers already.
        if (!context.HttpContext.Response.HasStarted)
            context.HttpContext.Response.Headers[Header] = Format(Stopwatch.GetElapsedTime(started));
        return result;
    }

    private static string Format(TimeSpan duration) =>
        $"{Metric};dur={duration.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture)}";
}
