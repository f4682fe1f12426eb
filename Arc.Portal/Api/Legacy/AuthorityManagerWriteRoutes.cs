using System.Globalization;
using System.Text.Json;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Portal.Auth;
using static Arc.Portal.Api.Legacy.AuthorityManagerDtos;

namespace Arc.Portal.Api.Legacy;

/// <summary>
/// <c>/am/v1</c> writes: creating and deleting authorities and granting or revoking a vehicle, through the authority
/// pages' use cases (<see cref="CreateAuthority"/>, <see cref="DeleteAuthority"/>, <see cref="GrantVehicleAccess"/>,
/// <see cref="RevokeVehicleAccess"/>), so the caller must act for the authority above as on the pages, and the vehicles'
/// shadows are republished by the use cases as the old step wrapper's shadow update did.
/// </summary>
public static class AuthorityManagerWriteRoutes
{
    public static void Map(RouteGroupBuilder am)
    {
        am.MapPost("/authorities", async (HttpContext context, PortalCurrentUser user, CreateAuthority create) =>
            {
                user.UsePrincipal(context.User);
                var body = await LegacyApi.ReadBodyAsync<NewAuthority>(context);
                int id;
                try
                {
                    id = await create.HandleAsync(body.Description, ParentId(body.ParentAuthorityId), context.RequestAborted);
                }
                catch (ValidationFailedException e) when (e.Errors.ContainsKey("parentId"))
                {
                    throw new ValidationFailedException("parent_authority_id", e.Message);
                }
                return Results.Json(new CreatedAuthority(id));
            })
            .WithName("OldCreateAuthority")
            .AcceptsOldBody<NewAuthority>()
            .WithSummary("Old route: creates an authority from {description, parent_authority_id} (empty or left out: the root) and answers {id}.")
            .Produces<CreatedAuthority>()
            .ProducesLegacyErrors(400, 403, 413);

        am.MapDelete("/authorities/{id}", async (string id, HttpContext context, PortalCurrentUser user, DeleteAuthority delete) =>
            {
                user.UsePrincipal(context.User);
                var authorityId = AuthorityManagerRoutes.PositiveId(id, "id", "Invalid authority id");
                var (_, vins) = await delete.HandleAsync(authorityId, context.RequestAborted);
                return Results.Json(new DeletedAuthority(authorityId, vins));
            })
            .WithName("OldDeleteAuthority")
            .WithSummary("Old route: deletes an authority and every authority below it with their grants; answers {id, vin[]} with the VINs that lost a grant.")
            .Produces<DeletedAuthority>()
            .ProducesLegacyErrors(400, 403, 404);

        am.MapPut("/authorities/{id}/vehicles/{vin}", async (string id, string vin, HttpContext context, PortalCurrentUser user, GrantVehicleAccess grant) =>
            {
                user.UsePrincipal(context.User);
                var authorityId = AuthorityManagerRoutes.PositiveId(id, "id", "Invalid authority id");
                await grant.HandleAsync(authorityId, vin, context.RequestAborted);
                return Results.Json(new AuthorityGrant(authorityId, vin));
            })
            .WithName("OldGrantAuthorityVehicle")
            .WithSummary("Old route: grants a vehicle to an authority whose parent holds it already (granting it again changes nothing); answers {id, vin}.")
            .Produces<AuthorityGrant>()
            .ProducesLegacyErrors(400, 403, 404);

        am.MapDelete("/authorities/{id}/vehicles/{vin}", async (string id, string vin, HttpContext context, PortalCurrentUser user, RevokeVehicleAccess revoke) =>
            {
                user.UsePrincipal(context.User);
                var authorityId = AuthorityManagerRoutes.PositiveId(id, "id", "Invalid authority id");
                await revoke.HandleAsync(authorityId, vin, context.RequestAborted);
                return Results.Json(new AuthorityGrant(authorityId, vin));
            })
            .WithName("OldRevokeAuthorityVehicle")
            .WithSummary("Old route: revokes a vehicle from an authority (and the authorities below it); answers {id, vin}. The root keeps its vehicles (403).")
            .Produces<AuthorityGrant>()
            .ProducesLegacyErrors(400, 403, 404);
    }

    /// <summary>The old gateway turned an empty <c>parent_authority_id</c> into the root; a number or a number's text is taken.</summary>
    public static int? ParentId(JsonElement? value) => value switch
    {
        null or { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.String } s when s.GetString() is "" => null,
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var id) && id >= 1 => id,
        { ValueKind: JsonValueKind.String } s when int.TryParse(s.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id >= 1 => id,
        _ => throw new ValidationFailedException("parent_authority_id", "Invalid parent authority id: a whole number of at least 1, or empty for the root."),
    };
}
