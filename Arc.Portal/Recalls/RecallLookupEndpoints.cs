using System.Globalization;
using System.Text.Json.Serialization;
using Arc.Domain.Recalls;
using Arc.Portal.Endpoints;

namespace Arc.Portal.Recalls;

/// <summary>
/// The public recall lookup on the old routes, for dealers and owners, signed in or not: <c>GET /recalls/v1/vin/{vin}</c>
/// answers a vehicle's open recalls in the field names of NHTSA's own recall API with the data's last-updated time;
/// <c>/recalls/v1/date/initial</c> and <c>/updated</c> answer <c>{"value": …}</c> as the old ones did. Answers are kept in
/// memory (<see cref="RecallLookupCache"/>) and callers limited per address; a malformed VIN is a 400 problem with the reason.
/// </summary>
public static class RecallLookupEndpoints
{
    public const string Prefix = "/recalls/v1";

    /// <summary>One open recall, field for field as NHTSA's recallsByVehicle answers (its date as dd/MM/yyyy).</summary>
    public sealed record Result(
        [property: JsonPropertyName("NHTSACampaignNumber")] string NhtsaCampaignNumber,
        [property: JsonPropertyName("Component")] string? Component,
        [property: JsonPropertyName("Summary")] string Summary,
        [property: JsonPropertyName("Consequence")] string? Consequence,
        [property: JsonPropertyName("Remedy")] string? Remedy,
        [property: JsonPropertyName("ReportReceivedDate")] string? ReportReceivedDate,
        [property: JsonPropertyName("parkIt")] bool ParkIt,
        [property: JsonPropertyName("parkOutSide")] bool ParkOutSide,
        [property: JsonPropertyName("overTheAirUpdate")] bool OverTheAirUpdate);

    /// <summary>The answer for a VIN: NHTSA's <c>Count</c>, <c>Message</c> and <c>results</c>, with the VIN and the data's last update.</summary>
    public sealed record Answer(
        [property: JsonPropertyName("vin")] string Vin,
        [property: JsonPropertyName("lastUpdated")] DateTimeOffset? LastUpdated,
        [property: JsonPropertyName("Count")] int Count,
        [property: JsonPropertyName("Message")] string Message,
        [property: JsonPropertyName("results")] IReadOnlyList<Result> Results);

    /// <summary>The old date routes' answer.</summary>
    public sealed record DateAnswer([property: JsonPropertyName("value")] DateTimeOffset? Value);

    public static IServiceCollection AddRecallLookup(this IServiceCollection services)
    {
        services.AddOptions<RecallLookupOptions>().BindConfiguration(RecallLookupOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RecallLookupCache>();
        services.AddRateLimiter(options => options.AddPolicy<string, RecallLookupRateLimit>(RecallLookupRateLimit.Name));
        return services;
    }

    public static Answer ToAnswer(PublicRecallAnswer answer) => new(answer.Vin, answer.LastUpdated, answer.Recalls.Count,
        "Results returned successfully",
        answer.Recalls.Select(r => new Result(r.NhtsaCampaignNumber, r.Component, r.Summary, r.Consequence, r.Remedy,
            r.ReportReceivedDate?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), r.ParkIt, r.ParkOutside, r.OverTheAirUpdate)).ToList());

    public static IEndpointRouteBuilder MapRecallLookup(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Prefix).AllowAnonymous().WithDomainProblems().RequireRateLimiting(RecallLookupRateLimit.Name).WithTags("Recalls");
        group.MapGet("/vin/{vin}", async (string vin, HttpContext context, RecallLookupCache cache, GetPublicRecalls lookup, GetRecallDataDates dates,
                Arc.Domain.Common.PortalEnvironment environment) =>
            {
                var key = GetPublicRecalls.Check(vin, environment.Environment);
                var answer = await cache.GetAsync(key, () => dates.HandleAsync(context.RequestAborted), () => lookup.HandleAsync(key, context.RequestAborted));
                return Results.Json(ToAnswer(answer));
            })
            .WithName("GetPublicRecalls")
            .WithSummary("A VIN's open recalls in NHTSA's field names, for anyone; a malformed VIN is a 400 problem, an unknown one an empty list.")
            .Produces<Answer>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("/date/initial", async (HttpContext context, RecallLookupCache cache, GetRecallDataDates dates) =>
                Results.Json(new DateAnswer((await cache.DatesAsync(() => dates.HandleAsync(context.RequestAborted))).Initial)))
            .WithName("GetRecallDataInitial")
            .WithSummary("When the recall data was first recorded, for anyone.")
            .Produces<DateAnswer>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("/date/updated", async (HttpContext context, RecallLookupCache cache, GetRecallDataDates dates) =>
                Results.Json(new DateAnswer((await cache.DatesAsync(() => dates.HandleAsync(context.RequestAborted))).Updated)))
            .WithName("GetRecallDataUpdated")
            .WithSummary("When the recall data last changed, for anyone.")
            .Produces<DateAnswer>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return endpoints;
    }
}
