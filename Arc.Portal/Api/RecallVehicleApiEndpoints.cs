using System.Text.Json.Serialization;
using Arc.Domain.Permissions;
using Arc.Domain.Recalls;
using Arc.Portal.Auth;
using Arc.Portal.Endpoints;
using static Arc.Portal.Api.FleetApiEndpoints;

namespace Arc.Portal.Api;

/// <summary>
/// <c>/api/v1/recalls/{id}/vehicles</c>: the vehicles of a recall, through the recall vehicle pages' use cases: list by
/// status, add and remove, record a service, edit one entry (its <c>version</c> in the list is its entity tag).
/// </summary>
public static class RecallVehicleApiEndpoints
{
    /// <param name="Vins">The VINs serviced under the recall's remedy, all or none.</param>
    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed record ServiceBody(IReadOnlyList<string>? Vins, DateOnly? ServiceDate = null, string? ServiceReference = null);

    /// <param name="Status">Open, Remedied, Inspected or Unreachable.</param>
    /// <param name="UnreachableReason">Why an unreachable vehicle cannot be remedied: Exported, Stolen, Scrapped, OwnerUnknown or Other.</param>
    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed record EntryBody(
        [property: JsonConverter(typeof(JsonStringEnumConverter<RecallVehicleStatus>))] RecallVehicleStatus Status,
        DateOnly? ServiceDate = null, string? ServiceReference = null,
        [property: JsonConverter(typeof(JsonStringEnumConverter<UnreachableReason>))] UnreachableReason? UnreachableReason = null,
        string? ReasonNote = null);

    public static IEndpointRouteBuilder MapRecallVehicleApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapResourceGroup("/api/v1/recalls/{id}/vehicles", "Recalls");

        api.MapGet("", async (int id, HttpContext context, PortalCurrentUser user, ListRecallVehicles list, string? status, string? vin, string? page,
                string? pageSize) =>
            {
                user.UsePrincipal(context.User);
                RecallVehicleStatus? only = string.IsNullOrWhiteSpace(status) ? null : ApiQuery.Enum(status, "status", RecallVehicleStatus.Open);
                var query = new RecallVehicleQuery(id, only, vin, ApiQuery.Number(page, "page") ?? 0, ApiQuery.Number(pageSize, "pageSize") ?? 50);
                return TypedResults.Ok(await list.HandleAsync(query, context.RequestAborted));
            })
            .RequireAuthorization(Perm.RecallVehicleRead)
            .WithName("ListRecallVehicles")
            .WithSummary("A recall's vehicles by VIN, a page at a time (page from 0, pageSize 1-200), filtered by status (open, remedied, inspected, "
                + "unreachable) or a part of the VIN, with the count in each status.")
            .Produces<RecallVehiclePage>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("", async (int id, VinListBody body, HttpContext context, PortalCurrentUser user, AddRecallVehicles add) =>
            {
                user.UsePrincipal(context.User);
                return TypedResults.Ok(new VehiclesChanged(await add.HandleAsync(id, body.Lines(), context.RequestAborted)));
            })
            .RequireAuthorization(Perm.RecallVehicleAdd)
            .WithIdempotency()
            .WithName("AddRecallVehicles")
            .WithSummary("Adds the listed vehicles to a recall as open, all or none: any problem refuses the list with every problem named.")
            .Produces<VehiclesChanged>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/service", async (int id, ServiceBody body, HttpContext context, PortalCurrentUser user, ServiceRecallVehicles service) =>
            {
                user.UsePrincipal(context.User);
                var vins = body.Vins is null ? null : string.Join('\n', body.Vins);
                return TypedResults.Ok(new VehiclesChanged(await service.HandleAsync(id, vins, body.ServiceDate, body.ServiceReference, context.RequestAborted)));
            })
            .RequireAuthorization(Perm.RecallVehicleService)
            .WithIdempotency()
            .WithName("ServiceRecallVehicles")
            .WithSummary("Records that the listed vehicles were remedied (on serviceDate, today when left out, with an optional reference), all or none.")
            .Produces<VehiclesChanged>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPut("/{vin}", async (int id, string vin, EntryBody body, HttpContext context, PortalCurrentUser user, EditRecallVehicle edit) =>
            {
                user.UsePrincipal(context.User);
                await edit.HandleAsync(id, vin, new RecallVehicleDraft(body.Status, body.ServiceDate, body.ServiceReference, body.UnreachableReason, body.ReasonNote),
                    context.IfMatch(), context.RequestAborted);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Perm.RecallVehicleEdit)
            .WithIfMatch()
            .WithName("EditRecallVehicle")
            .WithSummary("Changes a vehicle's entry in a recall: its status with what that status needs (a service date, a reason). "
                + "If-Match takes the entry's version from the list, in quotes.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapDelete("/{vin}", async (int id, string vin, HttpContext context, PortalCurrentUser user, RemoveRecallVehicle remove) =>
            {
                user.UsePrincipal(context.User);
                await remove.HandleAsync(id, vin, context.RequestAborted);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Perm.RecallVehicleRemove)
            .WithName("RemoveRecallVehicle")
            .WithSummary("Takes a vehicle out of a recall, as when it was listed by mistake; its history keeps a removed step.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }
}
