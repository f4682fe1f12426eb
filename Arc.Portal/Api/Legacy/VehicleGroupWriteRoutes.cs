using System.Text.Json;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Arc.Portal.Auth;
using static Arc.Portal.Api.Legacy.VehicleManagerDtos;

namespace Arc.Portal.Api.Legacy;

/// <summary>
/// <c>/vm/v1</c> writes of vehicle groups (the portal's fleets) and vehicle token signing, through the fleet and authority
/// pages' use cases (<see cref="CreateFleet"/>, <see cref="DeleteFleet"/>, <see cref="AddUserToFleet"/>,
/// <see cref="RemoveUserFromFleet"/>, <see cref="SignVehicleToken"/>).
/// </summary>
public static class VehicleGroupWriteRoutes
{
    public static void Map(RouteGroupBuilder vm)
    {
        vm.MapPost("/groups", async (HttpContext context, PortalCurrentUser user, CreateFleet create) =>
            {
                user.UsePrincipal(context.User);
                var body = await LegacyApi.ReadBodyAsync<NewGroup>(context);
                return Results.Json(new GroupId(await create.HandleAsync(body.Group, context.RequestAborted)));
            })
            .WithName("OldCreateVehicleGroup")
            .AcceptsOldBody<NewGroup>()
            .WithSummary("Old route: creates a vehicle group (fleet) from {group} (its name) and answers {group_id}.")
            .Produces<GroupId>()
            .ProducesLegacyErrors(400, 413);

        vm.MapDelete("/groups/{group}", async (string group, HttpContext context, PortalCurrentUser user, DeleteFleet delete) =>
            {
                user.UsePrincipal(context.User);
                var id = AuthorityManagerRoutes.PositiveId(group, "group_id", "Invalid group_id");
                await delete.HandleAsync(id, context.RequestAborted);
                return Results.Json(new GroupId(id));
            })
            .WithName("OldDeleteVehicleGroup")
            .WithSummary("Old route: deletes a vehicle group (fleet) and answers {group_id}; the maker's group 1 stays (403).")
            .Produces<GroupId>()
            .ProducesLegacyErrors(400, 403, 404);

        vm.MapPut("/groups/{group}/user/{username}", async (string group, string username, HttpContext context, PortalCurrentUser user, AddUserToFleet add) =>
            {
                user.UsePrincipal(context.User);
                var id = AuthorityManagerRoutes.PositiveId(group, "vehicle_group_id", "Invalid vehicle_group_id");
                var member = await add.HandleAsync(id, username, context.RequestAborted);
                return Results.Json(new GroupUser(id, member.Username));
            })
            .WithName("OldAddVehicleGroupUser")
            .WithSummary("Old route: gives a user access to every vehicle of a vehicle group and answers {vehicle_group_id, username}.")
            .Produces<GroupUser>()
            .ProducesLegacyErrors(400, 404);

        vm.MapDelete("/groups/{group}/user/{username}", async (string group, string username, HttpContext context, PortalCurrentUser user,
                RemoveUserFromFleet remove) =>
            {
                user.UsePrincipal(context.User);
                var id = AuthorityManagerRoutes.PositiveId(group, "vehicle_group_id", "Invalid vehicle_group_id");
                await remove.HandleAsync(id, username, context.RequestAborted);
                return Results.Json(new GroupUser(id, username));
            })
            .WithName("OldRemoveVehicleGroupUser")
            .WithSummary("Old route: ends a user's access to a vehicle group's vehicles and answers {vehicle_group_id, username}.")
            .Produces<GroupUser>()
            .ProducesLegacyErrors(400, 404);

        vm.MapPost("/vehicles/{vin}/token", async (string vin, HttpContext context, PortalCurrentUser user, SignVehicleToken sign) =>
            {
                user.UsePrincipal(context.User);
                var body = await LegacyApi.ReadBodyAsync<TokenBody>(context);
                var authority = body.AuthorityId ?? throw new ValidationFailedException("authority_id", "required field");
                if (body.Token is not { ValueKind: JsonValueKind.Object } token)
                    throw new ValidationFailedException("token", "required field: a JSON object naming at least the vin.");
                // The old function signed whatever vin the token named; the path names the vehicle, so the two must agree.
                if (!token.TryGetProperty("vin", out var named) || named.ValueKind != JsonValueKind.String
                    || !string.Equals(named.GetString(), vin, StringComparison.Ordinal))
                    throw new ValidationFailedException("token", "vin must be present in token and be the vin of the path.");
                return Results.Json(new SignedVehicleToken(await sign.HandleAsync(authority, token.GetRawText(), context.RequestAborted)));
            })
            .WithName("OldSignVehicleToken")
            .AcceptsOldBody<TokenBody>()
            .WithSummary("Old route: signs {token} with the authority {authority_id} that controls the token's vin and answers {token} "
                + "(payload, delimiter, signature); rate limited as on the page.")
            .Produces<SignedVehicleToken>()
            .ProducesLegacyErrors(400, 403, 404, 413, 429);
    }
}
