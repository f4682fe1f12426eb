using System.Text.Json.Serialization;
using Arc.Domain.Fleets;
using Arc.Domain.Permissions;
using Arc.Portal.Auth;

namespace Arc.Portal.Api;

/// <summary>
/// <c>/api/v1/fleets/{id}/settings</c>: a fleet's type, location and department code, read and set one at a time through
/// the fleet settings page's use cases (each change is its own audited save, as on the page).
/// </summary>
public static class FleetSettingsApiEndpoints
{
    /// <param name="Id">The chosen type, location or department code; null clears the setting.</param>
    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed record SettingBody(int? Id);

    public static IEndpointRouteBuilder MapFleetSettingsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapResourceGroup("/api/v1/fleets/{id}/settings", "Fleets");

        api.MapGet("", async (int id, HttpContext context, PortalCurrentUser user, GetFleetSettings get) =>
            {
                user.UsePrincipal(context.User);
                return TypedResults.Ok(await get.HandleAsync(id, context.RequestAborted));
            })
            .RequireAuthorization(Perm.FleetRead)
            .WithName("GetFleetSettings")
            .WithSummary("A fleet's type, location and department code, by id and name.")
            .Produces<FleetSettings>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/type", async (int id, SettingBody body, HttpContext context, PortalCurrentUser user, SetFleetType set) =>
            {
                user.UsePrincipal(context.User);
                await set.HandleAsync(id, body.Id, context.RequestAborted);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Perm.FleetWrite)
            .WithName("SetFleetType")
            .WithSummary("Sets what a fleet is used for (internal, pilot, rental) by type id, or clears it with null.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/location", async (int id, SettingBody body, HttpContext context, PortalCurrentUser user, SetFleetLocation set) =>
            {
                user.UsePrincipal(context.User);
                await set.HandleAsync(id, body.Id, context.RequestAborted);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Perm.FleetWrite)
            .WithName("SetFleetLocation")
            .WithSummary("Sets where a fleet is based by location id, or clears it with null.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/department-code", async (int id, SettingBody body, HttpContext context, PortalCurrentUser user, SetFleetDepartmentCode set) =>
            {
                user.UsePrincipal(context.User);
                await set.HandleAsync(id, body.Id, context.RequestAborted);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Perm.FleetWrite)
            .WithName("SetFleetDepartmentCode")
            .WithSummary("Sets the accounting department code a fleet is booked to by its id, or clears it with null.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }
}
