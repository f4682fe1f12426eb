using System.Globalization;
using System.Text;
using Arc.Domain.Common;
using Arc.Domain.Trips;
using Arc.Portal.Auth;

namespace Arc.Portal.Endpoints;

/// <summary>
/// The trips tab's downloads: the table of a range as CSV, and the trips of a range (or one of them) as GPX. Who may
/// have them is <see cref="GetVehicleTrips"/>'s rule (reading the vehicle, or being in a fleet that holds it), so the
/// endpoints only ask for a signed-in user; bad input is a 400 problem that names the field.
/// </summary>
public static class TripEndpoints
{
    public static IEndpointRouteBuilder MapTripEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var downloads = endpoints.MapGroup("/vehicles/{vin}").WithDomainProblems().WithTags("Downloads")
            .RequireAuthorization()
            .ProducesSignInRedirect()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        downloads.MapGet("/trips.csv", async (string vin, string? from, string? to, HttpContext context, PortalCurrentUser user, GetVehicleTrips trips) =>
            {
                AsRequestUser(context, user);
                var report = await trips.HandleAsync(vin, Time("from", from), Time("to", to), ct: context.RequestAborted);
                // Marked as UTF-8 like the list exports.
                var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(TripFiles.Csv(report))).ToArray();
                return Results.File(bytes, "text/csv; charset=utf-8", $"{FileSafe(vin)}-trips.csv");
            })
            .WithName("DownloadVehicleTripsCsv")
            .WithSummary("A vehicle's trips and stops over a range (at most 31 days; from and to in ISO 8601) as CSV.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");

        downloads.MapGet("/trips.gpx", async (string vin, string? from, string? to, string? trip, HttpContext context, PortalCurrentUser user,
                GetVehicleTrips trips) =>
            {
                AsRequestUser(context, user);
                var start = trip is null ? (DateTimeOffset?)null : Time("trip", trip);
                var report = await trips.HandleAsync(vin, Time("from", from), Time("to", to), withTrack: true, context.RequestAborted);
                var chosen = start is null ? report.Trips : report.Trips.Where(t => t.Start == start).ToList();
                if (start is not null && chosen.Count == 0)
                    throw new NotFoundException("Trip", trip!);
                var name = start is null ? $"{FileSafe(vin)}-trips.gpx" : $"{FileSafe(vin)}-trip-{start.Value.UtcDateTime:yyyyMMdd-HHmmss}.gpx";
                return Results.File(Encoding.UTF8.GetBytes(TripFiles.Gpx(vin, chosen, report.Track)), "application/gpx+xml", name);
            })
            .WithName("DownloadVehicleTripsGpx")
            .WithSummary("A vehicle's trips over a range as GPX, one track each; with trip (its start time), that trip only.")
            .Produces(StatusCodes.Status200OK, contentType: "application/gpx+xml");
        endpoints.MapGet("/fleets/{fleetId:int}/trips.csv", async (int fleetId, string? from, string? to, int? page, HttpContext context, PortalCurrentUser user,
                GetFleetTrips trips) =>
            {
                AsRequestUser(context, user);
                var report = await trips.HandleAsync(fleetId, Time("from", from), Time("to", to), page ?? 0, context.RequestAborted);
                var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(TripFiles.Csv(report))).ToArray();
                return Results.File(bytes, "text/csv; charset=utf-8", string.Create(CultureInfo.InvariantCulture, $"fleet-{fleetId}-trips-page-{report.Page + 1}.csv"));
            })
            .WithDomainProblems().WithTags("Downloads").RequireAuthorization()
            .WithName("DownloadFleetTripsCsv").ProducesSignInRedirect()
            .WithSummary("A page of a fleet's vehicles (25, by VIN) with their trips and stops over a range (at most 7 days) as CSV; page counts from 0.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static DateTimeOffset Time(string field, string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : throw new ValidationFailedException(field, $"'{field}' must be a date and time in ISO 8601, such as 2026-11-02T08:00:00Z.");

    /// <summary>The VIN as a file name: its letters, digits and dashes only (a bad VIN is refused by the use case before this is used).</summary>
    private static string FileSafe(string vin) => new(vin.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').ToArray());

    private static void AsRequestUser(HttpContext context, PortalCurrentUser user)
    {
        user.UsePrincipal(context.User);
        context.Response.Headers.CacheControl = "no-store";
    }
}
