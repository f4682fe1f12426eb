using System.Text.Json;
using System.Text.Json.Serialization;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Portal.Auth;

namespace Arc.Portal.Api;

/// <summary>
/// <c>/api/v1/authorities</c>: the Authority Manager's use cases (list, read, create, delete, grant and revoke vehicles,
/// members, sign a vehicle token), so the authority tree's scope rules apply to a credential as to a member of staff.
/// </summary>
public static class AuthorityApiEndpoints
{
    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed record NewAuthorityBody(string? Description, int? ParentId = null);

    /// <summary>The token to sign: a JSON object naming at least the vin (spec/backend.md §4.3).</summary>
    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed record SignTokenBody(JsonElement Token);

    public sealed record SignedToken(string Token);

    public sealed record DeletedAuthorities(IReadOnlyList<int> Authorities, IReadOnlyList<string> Vins);

    public sealed record RevokedVehicle(string Vin, IReadOnlyList<int> Authorities);

    public static IEndpointRouteBuilder MapAuthorityApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapResourceGroup("/api/v1/authorities", "Authorities");

        api.MapGet("", async (HttpContext context, PortalCurrentUser user, ListAuthorities list, string? description) =>
            {
                user.UsePrincipal(context.User);
                return TypedResults.Ok(await list.HandleAsync(description, context.RequestAborted));
            })
            .RequireAuthorization(Perm.AuthorityRead)
            .WithName("ListAuthorities")
            .WithSummary("The authorities the caller acts for (its subtrees), ordered by description, filtered by a part of it.")
            .Produces<IReadOnlyList<AuthorityRow>>();

        api.MapGet("/{id}", async (int id, HttpContext context, PortalCurrentUser user, GetAuthority get) =>
            {
                user.UsePrincipal(context.User);
                var authority = await get.HandleAsync(id, context.RequestAborted);
                return TypedResults.Ok(context.Tagged(authority, authority.RowVersion));
            })
            .RequireAuthorization(Perm.AuthorityRead)
            .WithETag()
            .WithName("GetAuthority")
            .WithSummary("One authority the caller acts for: parent, children, vehicle count, members and trusted key; its ETag guards member changes.")
            .Produces<AuthorityDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("", async (NewAuthorityBody body, HttpContext context, PortalCurrentUser user, CreateAuthority create, GetAuthority get) =>
            {
                user.UsePrincipal(context.User);
                var id = await create.HandleAsync(body.Description, body.ParentId, context.RequestAborted);
                var authority = await get.HandleAsync(id, context.RequestAborted);
                return TypedResults.Created($"/api/v1/authorities/{id}", context.Tagged(authority, authority.RowVersion));
            })
            .RequireAuthorization(Perm.AuthorityCreate)
            .AsCreate()
            .WithName("CreateAuthority")
            .WithSummary("Creates an authority with a new key pair under a parent the caller acts for (the root when parentId is left out).")
            .Produces<AuthorityDetail>(StatusCodes.Status201Created);

        api.MapDelete("/{id}", async (int id, HttpContext context, PortalCurrentUser user, DeleteAuthority delete) =>
            {
                user.UsePrincipal(context.User);
                var (authorities, vins) = await delete.HandleAsync(id, context.RequestAborted);
                return TypedResults.Ok(new DeletedAuthorities(authorities, vins));
            })
            .RequireAuthorization(Perm.AuthorityDelete)
            .WithName("DeleteAuthority")
            .WithSummary("Deletes an authority and every authority below it with their vehicle grants; the vehicles' trusted keys are republished.")
            .Produces<DeletedAuthorities>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/{id}/vehicles", async (int id, HttpContext context, PortalCurrentUser user, ListAuthorityVehicles list, string? vin, string? page,
                string? pageSize) =>
            {
                user.UsePrincipal(context.User);
                return TypedResults.Ok(await list.HandleAsync(id, vin, ApiQuery.Number(page, "page") ?? 0, ApiQuery.Number(pageSize, "pageSize") ?? 20,
                    context.RequestAborted));
            })
            .RequireAuthorization(Perm.AuthorityRead)
            .WithName("ListAuthorityVehicles")
            .WithSummary("The VINs an authority controls, a page at a time (page from 0, pageSize 1-200), filtered by a part of the VIN.")
            .Produces<Page<string>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/{id}/vehicles/{vin}", async (int id, string vin, HttpContext context, PortalCurrentUser user, GrantVehicleAccess grant) =>
            {
                user.UsePrincipal(context.User);
                await grant.HandleAsync(id, vin, context.RequestAborted);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Perm.AuthorityProvision)
            .WithName("GrantAuthorityVehicle")
            .WithSummary("Grants a vehicle to an authority (its parent must hold it already); granting it again changes nothing.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapDelete("/{id}/vehicles/{vin}", async (int id, string vin, HttpContext context, PortalCurrentUser user, RevokeVehicleAccess revoke) =>
            {
                user.UsePrincipal(context.User);
                var removed = await revoke.HandleAsync(id, vin, context.RequestAborted);
                return TypedResults.Ok(new RevokedVehicle(vin, removed));
            })
            .RequireAuthorization(Perm.AuthorityUnprovision)
            .WithName("RevokeAuthorityVehicle")
            .WithSummary("Revokes a vehicle from an authority and from every authority below it; answers the authorities it was taken from.")
            .Produces<RevokedVehicle>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPut("/{id}/members/{email}", (int id, string email, HttpContext context, PortalCurrentUser user, SetAuthorityMember set) =>
                SetMemberAsync(id, email, member: true, context, user, set))
            .RequireAuthorization(Perm.AuthorityCreate)
            .WithIfMatch()
            .WithName("AddAuthorityMember")
            .WithSummary("Makes the portal user with this email a member of the authority (nobody adds themselves).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapDelete("/{id}/members/{email}", (int id, string email, HttpContext context, PortalCurrentUser user, SetAuthorityMember set) =>
                SetMemberAsync(id, email, member: false, context, user, set))
            .RequireAuthorization(Perm.AuthorityCreate)
            .WithIfMatch()
            .WithName("RemoveAuthorityMember")
            .WithSummary("Ends the membership of the portal user with this email in the authority.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/{id}/tokens", async (int id, SignTokenBody body, HttpContext context, PortalCurrentUser user, SignVehicleToken sign) =>
            {
                user.UsePrincipal(context.User);
                var json = body.Token.ValueKind == JsonValueKind.Object ? body.Token.GetRawText()
                    : throw new ValidationFailedException("token", "The token is a JSON object naming at least the vin.");
                return TypedResults.Ok(new SignedToken(await sign.HandleAsync(id, json, context.RequestAborted)));
            })
            .RequireAuthorization(Perm.AuthorityVehicleSign)
            .WithName("SignVehicleToken")
            .WithSummary("Signs a vehicle access token with an authority that controls the token's vin: its canonical payload, the delimiter and the signature.")
            .Produces<SignedToken>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> SetMemberAsync(int id, string email, bool member, HttpContext context, PortalCurrentUser user, SetAuthorityMember set)
    {
        user.UsePrincipal(context.User);
        await set.HandleAsync(id, email, member, context.IfMatch(), context.RequestAborted);
        return TypedResults.NoContent();
    }
}
