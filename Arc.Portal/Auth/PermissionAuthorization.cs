using Arc.Domain.Permissions;
using Arc.Infrastructure.Credentials;
using Arc.Infrastructure.Users;
using Microsoft.AspNetCore.Authorization;

namespace Arc.Portal.Auth;

/// <summary>
/// Holds when the signed-in account, or the service credential whose token the call carries, currently has the permission
/// in the database (through its groups).
/// </summary>
public sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement;

public sealed class PermissionHandler(AccountStateStore accounts, CredentialStateStore credentials, TimeProvider time) : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (context.User.Credential() is { } token)
        {
            var credential = await credentials.GetAsync(token.CredentialId);
            if (credential is not null && credential.IsActiveAt(time.GetUtcNow(), token.SecretId) && credential.Permissions.Contains(requirement.Permission))
                context.Succeed(requirement);
            return;
        }
        if (context.User.Username() is not { } username)
            return;
        var state = await accounts.GetAsync(username, context.User.Stamp());
        if (state.IsActive && state.SecurityStamp == context.User.Stamp() && state.Permissions.Contains(requirement.Permission))
            context.Succeed(requirement);
    }
}

public static class PermissionPolicies
{
    /// <summary>One policy per permission of the catalogue, named by the permission string itself.</summary>
    public static void AddPermissionPolicies(this AuthorizationOptions options)
    {
        foreach (var permission in PermissionCatalogue.All)
        {
            options.AddPolicy(permission.Name, policy => policy
                .RequireAuthenticatedUser()
                .AddRequirements(new PermissionRequirement(permission.Name)));
        }
        // Every page needs a signed-in user unless it says otherwise.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
