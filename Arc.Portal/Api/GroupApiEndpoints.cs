using System.Text.Json.Serialization;
using Arc.Domain.Permissions;
using Arc.Domain.Users;
using Arc.Portal.Auth;

namespace Arc.Portal.Api;

/// <summary>
/// <c>/api/v1/groups</c>: the permission group pages' use cases (list, read, create, rename, delete, grant and take back a
/// permission), with the rule that nobody grants a permission they do not hold. A group's ETag is its row version.
/// </summary>
public static class GroupApiEndpoints
{
    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed record GroupNameBody(string? Name);

    public static IEndpointRouteBuilder MapGroupApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapResourceGroup("/api/v1/groups", "Groups");

        api.MapGet("", async (HttpContext context, PortalCurrentUser user, ListPermissionGroups list) =>
            {
                user.UsePrincipal(context.User);
                return TypedResults.Ok(await list.HandleAsync(context.RequestAborted));
            })
            .RequireAuthorization(Perm.GroupsRead)
            .WithoutInput()
            .WithName("ListGroups")
            .WithSummary("The permission groups with their member and permission counts.")
            .Produces<IReadOnlyList<GroupSummary>>();

        api.MapGet("/{id}", async (int id, HttpContext context, PortalCurrentUser user, GetPermissionGroup get) =>
            {
                user.UsePrincipal(context.User);
                var group = await get.HandleAsync(id, context.RequestAborted);
                return TypedResults.Ok(context.Tagged(group, group.RowVersion));
            })
            .RequireAuthorization(Perm.GroupRead)
            .WithETag()
            .WithName("GetGroup")
            .WithSummary("One permission group with its permissions and members; its ETag guards renaming and permission changes.")
            .Produces<GroupDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("", async (GroupNameBody body, HttpContext context, PortalCurrentUser user, CreatePermissionGroup create, GetPermissionGroup get) =>
            {
                user.UsePrincipal(context.User);
                var id = await create.HandleAsync(body.Name, context.RequestAborted);
                var group = await get.HandleAsync(id, context.RequestAborted);
                return TypedResults.Created($"/api/v1/groups/{id}", context.Tagged(group, group.RowVersion));
            })
            .RequireAuthorization(Perm.GroupCreate)
            .AsCreate()
            .WithName("CreateGroup")
            .WithSummary("Creates an empty permission group with a unique name.")
            .Produces<GroupDetail>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPut("/{id}", async (int id, GroupNameBody body, HttpContext context, PortalCurrentUser user, RenamePermissionGroup rename, GetPermissionGroup get) =>
            {
                user.UsePrincipal(context.User);
                await rename.HandleAsync(id, body.Name, context.IfMatch(), context.RequestAborted);
                var group = await get.HandleAsync(id, context.RequestAborted);
                return TypedResults.Ok(context.Tagged(group, group.RowVersion));
            })
            .RequireAuthorization(Perm.GroupWrite)
            .WithIfMatch()
            .WithName("RenameGroup")
            .WithSummary("Renames a permission group.")
            .Produces<GroupDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapDelete("/{id}", async (int id, HttpContext context, PortalCurrentUser user, DeletePermissionGroup delete) =>
            {
                user.UsePrincipal(context.User);
                await delete.HandleAsync(id, context.RequestAborted);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Perm.GroupDelete)
            .WithName("DeleteGroup")
            .WithSummary("Deletes a permission group that is not one of the protected seeded groups.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPut("/{id}/permissions/{permission}", (int id, string permission, HttpContext context, PortalCurrentUser user, SetGroupPermission set) =>
                SetPermissionAsync(id, permission, granted: true, context, user, set))
            .RequireAuthorization(Perm.GroupAddPermission)
            .WithIfMatch()
            .WithName("GrantGroupPermission")
            .WithSummary("Gives a permission group a permission the caller holds.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapDelete("/{id}/permissions/{permission}", (int id, string permission, HttpContext context, PortalCurrentUser user, SetGroupPermission set) =>
                SetPermissionAsync(id, permission, granted: false, context, user, set))
            .RequireAuthorization(Perm.GroupRemovePermission)
            .WithIfMatch()
            .WithName("RevokeGroupPermission")
            .WithSummary("Takes a permission from a permission group.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> SetPermissionAsync(int id, string permission, bool granted, HttpContext context, PortalCurrentUser user, SetGroupPermission set)
    {
        user.UsePrincipal(context.User);
        await set.HandleAsync(id, permission, granted, context.IfMatch(), context.RequestAborted);
        return TypedResults.NoContent();
    }
}
