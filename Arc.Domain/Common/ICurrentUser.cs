namespace Arc.Domain.Common;

/// <summary>The person on whose behalf a use case runs, as the server knows them (never the browser's word).</summary>
public interface ICurrentUser
{
    /// <summary>The user's stable id (the directory subject), or null when nobody is signed in.</summary>
    Task<string?> GetUsernameAsync(CancellationToken ct = default);

    /// <summary>The effective permissions, read from the database (a disabled user has none).</summary>
    Task<IReadOnlySet<string>> GetPermissionsAsync(CancellationToken ct = default);

    /// <summary>The server-side session the caller signed in with, when they came through a browser session.</summary>
    Task<Guid?> GetSessionIdAsync(CancellationToken ct = default) => Task.FromResult<Guid?>(null);

    /// <summary>
    /// Keeps a refused check (who, what was missing, on which entity) in the audit log, in a unit of work of its own so
    /// the record stays although the refused operation does not. Callers without an audit log ignore it.
    /// </summary>
    Task RecordRefusalAsync(string username, string requirement, string? entityType, string? entityId, CancellationToken ct = default) =>
        Task.CompletedTask;
}

public static class CurrentUserExtensions
{
    /// <summary>Returns the signed-in username or throws <see cref="NotSignedInException"/>.</summary>
    public static async Task<string> RequireSignedInAsync(this ICurrentUser user, CancellationToken ct = default) =>
        await user.GetUsernameAsync(ct) ?? throw new NotSignedInException();

    /// <summary>Throws unless the signed-in user holds every one of the permissions.</summary>
    public static async Task<string> RequireAsync(this ICurrentUser user, string permission, CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        var held = await user.GetPermissionsAsync(ct);
        if (!held.Contains(permission))
        {
            await user.RecordRefusalAsync(username, permission, null, null, ct);
            throw new PermissionDeniedException(permission);
        }
        return username;
    }

    /// <summary>Lets the user act on their own account, or anyone else holding the permission.</summary>
    public static async Task<string> RequireSelfOrAsync(this ICurrentUser user, string username, string permission, CancellationToken ct = default)
    {
        var caller = await user.RequireSignedInAsync(ct);
        if (caller == username || await user.HasAsync(permission, ct))
            return caller;
        await user.RecordRefusalAsync(caller, permission, "User", username, ct);
        throw new PermissionDeniedException(permission);
    }

    /// <summary>
    /// Records a refusal by a resource rule and returns the exception to throw, so a use case reads
    /// <c>throw await user.RefuseAsync(...)</c> next to the rule it checks.
    /// </summary>
    public static async Task<PermissionDeniedException> RefuseAsync(this ICurrentUser user, string username, string rule, string message,
        string entityType, string entityId, CancellationToken ct = default)
    {
        await user.RecordRefusalAsync(username, rule, entityType, entityId, ct);
        return new PermissionDeniedException(rule, message);
    }

    public static async Task<bool> HasAsync(this ICurrentUser user, string permission, CancellationToken ct = default) =>
        (await user.GetPermissionsAsync(ct)).Contains(permission);
}
