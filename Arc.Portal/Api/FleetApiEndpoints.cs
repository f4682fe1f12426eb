using System.Text.Json.Serialization;
using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Arc.Domain.Permissions;
using Arc.Portal.Auth;
using Arc.Portal.Endpoints;

namespace Arc.Portal.Api;

/// <summary>
/// <c>/api/v1/fleets</c>: the fleet pages' use cases (list, read, create, rename, delete, vehicles and members). A fleet
/// has no row version, so its answers carry no ETag and its changes take no If-Match (docs/decisions/0047).
/// </summary>
public static class FleetApiEndpoints
{
    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed record FleetNameBody(string? Name);

    /// <summary>VINs to add to or remove from a fleet or a recall, all or none.</summary>
    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed record VinListBody(IReadOnlyList<string>? Vins);

    public sealed record VehiclesChanged(int Changed);

    public static string? Lines(this VinListBody body) => body.Vins is null ? null : string.Join('\n', body.Vins);

    public static IEndpointRouteBuilder MapFleetApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapResourceGroup("/api/v1/fleets", "Fleets");

        api.MapGet("", async (HttpContext context, PortalCurrentUser user, ListFleets list, string? name, string? sort, string? desc, string? page,
                string? pageSize) =>
            {
                user.UsePrincipal(context.User);
                var query = new FleetQuery(name, ApiQuery.Enum(sort, "sort", FleetSort.Id), ApiQuery.Bool(desc, "desc"), ApiQuery.Number(page, "page") ?? 0,
                    ApiQuery.Number(pageSize, "pageSize") ?? 20);
                return TypedResults.Ok(await list.HandleAsync(query, context.RequestAborted));
            })
            .RequireAuthorization(Perm.FleetRead)
            .WithName("ListFleets")
            .WithSummary("Fleets a page at a time (page from 0, pageSize 1-200) with their vehicle and user counts, filtered by name, sorted by id, name, vehicles or users.")
            .Produces<Page<FleetRow>>();

        api.MapGet("/{id}", async (int id, HttpContext context, PortalCurrentUser user, GetFleet get) =>
            {
                user.UsePrincipal(context.User);
                return TypedResults.Ok(await get.HandleAsync(id, context.RequestAborted));
            })
            .RequireAuthorization(Perm.FleetRead)
            .WithName("GetFleet")
            .WithSummary("One fleet: name, vehicle count and members.")
            .Produces<FleetDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("", async (FleetNameBody body, HttpContext context, PortalCurrentUser user, CreateFleet create, GetFleet get) =>
            {
                user.UsePrincipal(context.User);
                var id = await create.HandleAsync(body.Name, context.RequestAborted);
                return TypedResults.Created($"/api/v1/fleets/{id}", await get.HandleAsync(id, context.RequestAborted));
            })
            .RequireAuthorization(Perm.FleetCreate)
            .AsCreate()
            .WithName("CreateFleet")
            .WithSummary("Creates an empty fleet with a unique name.")
            .Produces<FleetDetail>(StatusCodes.Status201Created);

        api.MapPut("/{id}", async (int id, FleetNameBody body, HttpContext context, PortalCurrentUser user, RenameFleet rename, GetFleet get) =>
            {
                user.UsePrincipal(context.User);
                await rename.HandleAsync(id, body.Name, context.RequestAborted);
                return TypedResults.Ok(await get.HandleAsync(id, context.RequestAborted));
            })
            .RequireAuthorization(Perm.FleetWrite)
            .WithName("RenameFleet")
            .WithSummary("Renames a fleet (the maker's own fleet keeps its name).")
            .Produces<FleetDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapDelete("/{id}", async (int id, HttpContext context, PortalCurrentUser user, DeleteFleet delete) =>
            {
                user.UsePrincipal(context.User);
                await delete.HandleAsync(id, context.RequestAborted);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Perm.FleetDelete)
            .WithName("DeleteFleet")
            .WithSummary("Deletes a fleet; its vehicles and members stay in the portal.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/{id}/vehicles", async (int id, HttpContext context, PortalCurrentUser user, ListFleetVehicles list, string? vin, string? page,
                string? pageSize) =>
            {
                user.UsePrincipal(context.User);
                return TypedResults.Ok(await list.HandleAsync(id, vin, ApiQuery.Number(page, "page") ?? 0, ApiQuery.Number(pageSize, "pageSize") ?? 20,
                    context.RequestAborted));
            })
            .RequireAuthorization(Perm.FleetRead)
            .WithName("ListFleetVehicles")
            .WithSummary("The VINs of a fleet, a page at a time (page from 0, pageSize 1-200), filtered by a part of the VIN.")
            .Produces<Page<string>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/{id}/vehicles/{vin}", async (int id, string vin, HttpContext context, PortalCurrentUser user, AddVehicleToFleet add) =>
            {
                user.UsePrincipal(context.User);
                await add.HandleAsync(id, vin, context.RequestAborted);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Perm.FleetWrite)
            .WithName("AddFleetVehicle")
            .WithSummary("Puts a vehicle in a fleet.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapDelete("/{id}/vehicles/{vin}", async (int id, string vin, HttpContext context, PortalCurrentUser user, RemoveVehicleFromFleet remove) =>
            {
                user.UsePrincipal(context.User);
                await remove.HandleAsync(id, vin, context.RequestAborted);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Perm.FleetWrite)
            .WithName("RemoveFleetVehicle")
            .WithSummary("Takes a vehicle out of a fleet (not out of the maker's own fleet).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/{id}/vehicles", async (int id, VinListBody body, HttpContext context, PortalCurrentUser user, AddVehiclesToFleet add) =>
            {
                user.UsePrincipal(context.User);
                return TypedResults.Ok(new VehiclesChanged(await add.HandleAsync(id, body.Lines(), context.RequestAborted)));
            })
            .RequireAuthorization(Perm.FleetWrite)
            .WithIdempotency()
            .WithName("AddFleetVehicles")
            .WithSummary("Puts the listed vehicles in a fleet, all or none: any problem refuses the whole list with every problem named.")
            .Produces<VehiclesChanged>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/{id}/vehicles/remove", async (int id, VinListBody body, HttpContext context, PortalCurrentUser user, RemoveVehiclesFromFleet remove) =>
            {
                user.UsePrincipal(context.User);
                return TypedResults.Ok(new VehiclesChanged(await remove.HandleAsync(id, body.Lines(), context.RequestAborted)));
            })
            .RequireAuthorization(Perm.FleetWrite)
            .WithIdempotency()
            .WithName("RemoveFleetVehicles")
            .WithSummary("Takes the listed vehicles out of a fleet, all or none.")
            .Produces<VehiclesChanged>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/{id}/users/{user}", async (int id, string user, HttpContext context, PortalCurrentUser current, AddUserToFleet add) =>
            {
                current.UsePrincipal(context.User);
                return TypedResults.Ok(await add.HandleAsync(id, user, context.RequestAborted));
            })
            .RequireAuthorization(Perm.FleetManageUsers)
            .WithName("AddFleetUser")
            .WithSummary("Makes a user (by username or email) a member of a fleet, which lets them see its vehicles.")
            .Produces<FleetMember>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapDelete("/{id}/users/{username}", async (int id, string username, HttpContext context, PortalCurrentUser user, RemoveUserFromFleet remove) =>
            {
                user.UsePrincipal(context.User);
                await remove.HandleAsync(id, username, context.RequestAborted);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Perm.FleetManageUsers)
            .WithName("RemoveFleetUser")
            .WithSummary("Ends a user's membership of a fleet.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }
}
