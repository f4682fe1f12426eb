using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;
using Arc.Portal.Auth;
using Arc.Portal.Endpoints;

namespace Arc.Portal.Api;

/// <summary>
/// <c>/api/v1/vehicles</c>: the vehicle list and one vehicle, through the same use cases as the vehicle pages, so their
/// permission and fleet-membership checks apply unchanged to staff and service credentials alike.
/// </summary>
public static class VehicleApiEndpoints
{
    public static IEndpointRouteBuilder MapVehicleApi(this IEndpointRouteBuilder endpoints)
    {
        var vehicles = endpoints.MapApiGroup("/api/v1/vehicles").WithTags("Vehicles");

        vehicles.MapGet("", async (HttpContext context, PortalCurrentUser user, ListVehicles list, string? vin, string? model, string? release,
                string? fleet, string? sort, string? desc, string? page, string? pageSize) =>
            {
                user.UsePrincipal(context.User);
                var query = new ListVehiclesQuery(vin, ApiQuery.Number(model, "model"), ApiQuery.Number(release, "release"), ApiQuery.Number(fleet, "fleet"),
                    ApiQuery.Enum(sort, "sort", VehicleSort.Vin), ApiQuery.Bool(desc, "desc"), ApiQuery.Number(page, "page") ?? 0,
                    ApiQuery.Number(pageSize, "pageSize") ?? 20);
                return TypedResults.Ok(await list.HandleAsync(query, context.RequestAborted));
            })
            .RequireAuthorization(Perm.VehicleRead)
            .WithName("ListVehicles")
            .WithSummary("Vehicles a page at a time (page from 0, pageSize 1-200), filtered by VIN substring, model, release or fleet, sorted by vin, created, model, release or lastSeen.")
            .Produces<Page<VehicleRow>>()
            .ProducesValidationProblem();

        vehicles.MapGet("/{vin}", async (string vin, HttpContext context, PortalCurrentUser user, GetVehicle get) =>
            {
                user.UsePrincipal(context.User);
                return TypedResults.Ok(await get.HandleAsync(vin, context.RequestAborted));
            })
            // Signed in is enough here: the use case also lets a fleet member read the fleet's vehicles, and refuses others (403).
            .RequireAuthorization()
            .WithName("GetVehicle")
            .WithSummary("One vehicle: model, release, installed parts, fleets and registration.")
            .Produces<VehicleDetail>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    /// <summary>
    /// A group of API routes: failures as problem details, the per-client rate limit, the body limit, no HTML status pages, no caching,
    /// the operation's own time in Server-Timing, and the bearer scheme in the OpenAPI document.
    /// </summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder endpoints, string prefix)
    {
        var group = endpoints.MapGroup(prefix).WithDomainProblems()
            .RequireRateLimiting(ApiRateLimit.Name)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.SkipStatusCodePagesAttribute(), ApiOpenApi.SecuredMetadata.Instance, ApiBodyLimit.Metadata)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.AddEndpointFilter((context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return next(context);
        });
        group.WithServerTiming();
        return group;
    }
}
