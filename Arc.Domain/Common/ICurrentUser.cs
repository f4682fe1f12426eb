namespace Arc.Domain.Common;

/// <summary>The person on whose behalf a use case runs, as the server knows them (never the browser's word).</summary>
public interface ICurrentUser
{
    /// <summary>The user's stable id (the directory subject), or null when nobody is signed in.</summary>
    Task<string?> GetUsernameAsync(CancellationToken ct = default);

    /// <summary>The effective permissions, read from the database (a disabled user has none).</summary>
    Task<IReadOnlySet<string>> GetPermissionsAsync(CancellationToken ct = default);
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
            throw new PermissionDeniedException(permission);
        return username;
    }

    public static async Task<bool> HasAsync(this ICurrentUser user, string permission, CancellationToken ct = default) =>
        (await user.GetPermissionsAsync(ct)).Contains(permission);
}
