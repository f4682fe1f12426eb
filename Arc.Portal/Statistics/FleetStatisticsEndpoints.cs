using System.Text.Json.Serialization;
using Arc.Domain.Fleets;
using Arc.Portal.Endpoints;
using Microsoft.AspNetCore.Mvc;

namespace Arc.Portal.Statistics;

/// <summary>
/// <c>GET /statistics/v1?fleet_name=…</c>, the old public endpoint's route and answer: a fleet's total mileage, for
/// anyone (the maker's marketing pages show it). Kept in memory a few minutes and limited per client address, since
/// it is open to the world; an unknown fleet is a 404 problem, a malformed name a 400 one.
/// </summary>
public static class FleetStatisticsEndpoints
{
    public const string Route = "/statistics/v1";

    /// <summary>The answer, in the old endpoint's field names.</summary>
    public sealed record Answer([property: JsonPropertyName("fleet_name")] string FleetName, [property: JsonPropertyName("total_mileage")] long TotalMileage);

    public static IServiceCollection AddFleetStatistics(this IServiceCollection services)
    {
        services.AddOptions<FleetStatisticsOptions>().BindConfiguration(FleetStatisticsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FleetStatisticsCache>();
        services.AddRateLimiter(options => options.AddPolicy<string, FleetStatisticsRateLimit>(FleetStatisticsRateLimit.Name));
        return services;
    }

    public static IEndpointRouteBuilder MapFleetStatistics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Route, async ([FromQuery(Name = "fleet_name")] string? fleetName, HttpContext context, FleetStatisticsCache cache,
                GetFleetStatistics statistics) =>
            {
                var figure = await cache.GetAsync(fleetName, () => statistics.HandleAsync(fleetName, context.RequestAborted));
                return Results.Json(new Answer(figure.FleetName, figure.TotalMileage));
            })
            .AllowAnonymous()
            .WithDomainProblems()
            .RequireRateLimiting(FleetStatisticsRateLimit.Name)
            .WithName("GetFleetStatistics")
            .WithTags("Statistics")
            .WithSummary("A fleet's total mileage (the maker's fleet without fleet_name), for anyone; limited per client address.")
            .Produces<Answer>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return endpoints;
    }
}
