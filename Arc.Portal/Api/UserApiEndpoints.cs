using System.Text.Json.Serialization;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Users;
using Arc.Portal.Auth;

namespace Arc.Portal.Api;

/// <summary>
/// <c>/api/v1/users</c>: the user pages' use cases (list, read, invite, resend the invitation, enable, disable, delete,
/// group membership), with their elevation rules: nobody acts on an account holding more than they do, or on their own.
/// A user's ETag is the account's row version.
/// </summary>
public static class UserApiEndpoints
{
    /// <param name="Mfa">off, optional or required.</param>
    /// <param name="GroupIds">The permission groups; the arcimoto group when none.</param>
    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed record InviteBody(string? DisplayName, string? Email, string? Phone = null, string? Mfa = null, IReadOnlyList<int>? GroupIds = null);

    public sealed record GroupLink(int Id, string Name);

    /// <summary>A user as the API shows one: the profile, account state, groups, effective permissions and fleets.</summary>
    public sealed record UserView(string Username, string Email, string? DisplayName, string? Phone, bool Enabled, string Status, string Mfa,
        bool TotpEnabled, DateTimeOffset Created, DateTimeOffset? LastSignIn, IReadOnlyList<GroupLink> Groups, IReadOnlyList<string> Permissions,
        IReadOnlyList<UserFleet> Fleets, string? PendingEmail)
    {
        public static UserView Of(UserDetail d) => new(d.Username, d.Email, d.DisplayName, d.Phone, d.Enabled, d.Status, d.Mfa, d.TotpEnabled, d.Created,
            d.LastSignIn, d.Groups.Select(g => new GroupLink(g.Id, g.Name)).ToList(), d.Permissions, d.Fleets, d.PendingEmail);
    }

    public static IEndpointRouteBuilder MapUserApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapResourceGroup("/api/v1/users", "Users");

        api.MapGet("", async (HttpContext context, PortalCurrentUser user, ListUsers list, string? search, string? status, string? group, string? page,
                string? pageSize) =>
            {
                user.UsePrincipal(context.User);
                var query = new UserQuery(search, status, ApiQuery.Number(group, "group"), ApiQuery.Number(page, "page") ?? 0, ApiQuery.Number(pageSize, "pageSize") ?? 20);
                return TypedResults.Ok(await list.HandleAsync(query, context.RequestAborted));
            })
            .RequireAuthorization(Perm.UsersRead)
            .WithName("ListUsers")
            .WithSummary("Users a page at a time (page from 0, pageSize 1-200), searched by name or email, filtered by status or group id.")
            .Produces<Page<UserRow>>();

        api.MapGet("/{username}", async (string username, HttpContext context, PortalCurrentUser user, GetUser get) =>
            {
                user.UsePrincipal(context.User);
                var detail = await get.HandleAsync(username, context.RequestAborted);
                return TypedResults.Ok(context.Tagged(UserView.Of(detail), detail.RowVersion));
            })
            // Signed in is enough here: the use case lets anyone read their own account and needs users.user.read for others'.
            .RequireAuthorization()
            .WithoutInput()
            .WithETag()
            .WithName("GetUser")
            .WithSummary("One user: profile, account state, groups, effective permissions and fleets; its ETag guards enabling, disabling and group changes.")
            .Produces<UserView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("", async (InviteBody body, HttpContext context, PortalCurrentUser user, CreateUser create, GetUser get) =>
            {
                user.UsePrincipal(context.User);
                var username = await create.HandleAsync(new NewUser(body.DisplayName, body.Email, body.Phone, body.Mfa ?? MfaPreference.Off, body.GroupIds),
                    context.RequestAborted);
                var detail = await get.HandleAsync(username, context.RequestAborted);
                return TypedResults.Created($"/api/v1/users/{username}", context.Tagged(UserView.Of(detail), detail.RowVersion));
            })
            .RequireAuthorization(Perm.UserCreate)
            .AsCreate()
            .WithName("InviteUser")
            .WithSummary("Invites a user: an account with a temporary password in the chosen groups, and the invitation email.")
            .Produces<UserView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/{username}/invitation", async (string username, HttpContext context, PortalCurrentUser user, ResendInvitation resend) =>
            {
                user.UsePrincipal(context.User);
                await resend.HandleAsync(username, context.RequestAborted);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Perm.UserResendInvite)
            .WithoutInput()
            .WithName("ResendUserInvitation")
            .WithSummary("Sends an invited user who has not signed in yet a new temporary password.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/{username}/disable", (string username, HttpContext context, PortalCurrentUser user, SetUserEnabled set) =>
                SetEnabledAsync(username, enabled: false, context, user, set))
            .RequireAuthorization(Perm.UserDisable)
            .WithIfMatch()
            .WithName("DisableUser")
            .WithSummary("Disables an account: its sessions end and it cannot sign in.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/{username}/enable", (string username, HttpContext context, PortalCurrentUser user, SetUserEnabled set) =>
                SetEnabledAsync(username, enabled: true, context, user, set))
            .RequireAuthorization(Perm.UserEnable)
            .WithIfMatch()
            .WithName("EnableUser")
            .WithSummary("Enables a disabled account again.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/{username}/groups/{groupId}", (string username, int groupId, HttpContext context, PortalCurrentUser user, SetUserGroup set) =>
                SetGroupAsync(username, groupId, member: true, context, user, set))
            .RequireAuthorization(Perm.UserWrite)
            .WithIfMatch()
            .WithName("AddUserToGroup")
            .WithSummary("Puts a user in a permission group (users.user.write and users.group.write; only a group whose permissions the caller holds).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapDelete("/{username}/groups/{groupId}", (string username, int groupId, HttpContext context, PortalCurrentUser user, SetUserGroup set) =>
                SetGroupAsync(username, groupId, member: false, context, user, set))
            .RequireAuthorization(Perm.UserWrite)
            .WithIfMatch()
            .WithName("RemoveUserFromGroup")
            .WithSummary("Takes a user out of a permission group (users.user.write and users.group.write).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapDelete("/{username}", async (string username, HttpContext context, PortalCurrentUser user, DeleteUser delete) =>
            {
                user.UsePrincipal(context.User);
                await delete.HandleAsync(username, context.RequestAborted);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Perm.UserDelete)
            .WithoutInput()
            .WithName("DeleteUser")
            .WithSummary("Deletes a user from the directory and the portal.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    private static async Task<IResult> SetEnabledAsync(string username, bool enabled, HttpContext context, PortalCurrentUser user, SetUserEnabled set)
    {
        user.UsePrincipal(context.User);
        await set.HandleAsync(username, enabled, context.IfMatch(), context.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> SetGroupAsync(string username, int groupId, bool member, HttpContext context, PortalCurrentUser user, SetUserGroup set)
    {
        user.UsePrincipal(context.User);
        await set.HandleAsync(username, groupId, member, context.IfMatch(), null, context.RequestAborted);
        return TypedResults.NoContent();
    }
}
