using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Telemetry;
using Arc.Portal.Auth;

namespace Arc.Portal.Api;

/// <summary>
/// <c>/api/v1/vehicles/{vin}/telemetry</c>: a vehicle's latest status, one point over a range, and the old query form
/// <c>point[start:end]</c>, through the telemetry tab's use cases, so whoever may open the vehicle (vehicles.vehicle.read,
/// or a member of a fleet holding it) may read them, and a vehicle that does not record GPS gives no position.
/// </summary>
public static class TelemetryApiEndpoints
{
    /// <summary>The answer to the old query form: each plain point's latest value and each period's series, by the term asked.</summary>
    public sealed record TelemetryQueryAnswer(string Vin, IReadOnlyDictionary<string, LatestValue> Latest, IReadOnlyDictionary<string, TelemetrySeries> Periods);

    public static IEndpointRouteBuilder MapTelemetryApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapResourceGroup("/api/v1/vehicles/{vin}/telemetry", "Telemetry");

        api.MapGet("", async (string vin, HttpContext context, PortalCurrentUser user, GetVehicleTelemetry get) =>
            {
                user.UsePrincipal(context.User);
                return TypedResults.Ok(await get.HandleAsync(vin, context.RequestAborted));
            })
            // Signed in is enough here: the use case also lets a fleet member read the fleet's vehicles, and refuses others (403).
            .RequireAuthorization()
            .WithName("GetVehicleTelemetry")
            .WithSummary("A vehicle's latest status: state of charge, odometer, last report and (when it records GPS) position.")
            .Produces<TelemetryStatus>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/points/{point}", async (string vin, string point, HttpContext context, PortalCurrentUser user, GetTelemetrySeries series,
                TimeProvider time, string? start, string? end) =>
            {
                user.UsePrincipal(context.User);
                var to = Time(end, "end") ?? time.GetUtcNow();
                var from = Time(start, "start") ?? throw new ValidationFailedException("start", "start is required: an ISO 8601 time such as 2026-12-01T00:00:00Z.");
                return TypedResults.Ok(await series.HandleAsync(vin, point, from, to, context.RequestAborted));
            })
            .RequireAuthorization()
            .WithName("GetTelemetrySeries")
            .WithSummary("One point's history from start to end (ISO 8601; end defaults to now; at most 365 days), aggregated into at most 1000 buckets.")
            .Produces<TelemetrySeries>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/query", async (string vin, HttpContext context, PortalCurrentUser user, GetTelemetryValues values, GetTelemetrySeries series,
                TimeProvider time, string? points) =>
            {
                user.UsePrincipal(context.User);
                var terms = TelemetryPeriodQuery.Parse(points, time.GetUtcNow());
                var latestTerms = terms.Where(t => t.IsLatest).ToList();
                var latest = new Dictionary<string, LatestValue>(StringComparer.Ordinal);
                if (latestTerms.Count > 0)
                {
                    var read = await values.HandleAsync(vin, latestTerms.Select(t => t.Point).ToList(), context.RequestAborted);
                    foreach (var term in latestTerms)
                        if (read.TryGetValue(term.Point, out var value))
                            latest[term.Text] = value;
                }
                var periods = new Dictionary<string, TelemetrySeries>(StringComparer.Ordinal);
                foreach (var term in terms.Where(t => !t.IsLatest))
                    periods[term.Text] = await series.HandleAsync(vin, term.Point, term.From!.Value, term.To!.Value, context.RequestAborted);
                return TypedResults.Ok(new TelemetryQueryAnswer(vin, latest, periods));
            })
            .RequireAuthorization()
            .WithName("QueryTelemetry")
            .WithSummary("The old query form: points=soc,speed[1h:],odometer[1620000000000ms:1620086400000ms] gives each plain point's latest value "
                + "and each period's series (a duration up to now, or two epoch times with their unit).")
            .Produces<TelemetryQueryAnswer>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static DateTimeOffset? Time(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value : throw new ValidationFailedException(name, $"{name} must be an ISO 8601 time such as 2026-12-01T00:00:00Z.");
    }
}
