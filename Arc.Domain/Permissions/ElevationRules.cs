using Arc.Domain.Audit;
using Arc.Domain.Common;

namespace Arc.Domain.Permissions;

/// <summary>
/// No editing upwards, no self-elevation (decision 12): nobody gives themselves a permission, grants one they do not
/// hold, or changes the account of someone who holds more than they do.
/// </summary>
public static class ElevationRules
{
    /// <summary>The permissions a user holds through their groups, whatever the state of their account.</summary>
    public static async Task<HashSet<string>> PermissionsOfAsync(IArcData data, string username, CancellationToken ct) =>
        (await data.ListAsync(data.GroupPermissions
            .Where(p => data.GroupMembers.Any(m => m.Username == username && m.GroupId == p.GroupId))
            .Select(p => p.Permission).Distinct(), ct)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Refuses, and records it, when the target account holds a permission the caller does not.</summary>
    public static async Task RequireNotAboveAsync(IArcData data, ICurrentUser user, string actor, string target, CancellationToken ct)
    {
        if (actor == target)
            return;
        var held = await user.GetPermissionsAsync(ct);
        var beyond = (await PermissionsOfAsync(data, target, ct)).Where(p => !held.Contains(p)).Order(StringComparer.Ordinal).ToList();
        if (beyond.Count == 0)
            return;
        throw await user.RefuseAsync(actor, "holds every permission of the account",
            $"This user holds {Describe(beyond)} that you do not hold; only someone who holds them may change this account.",
            AuditEntityTypes.User, target, ct);
    }

    /// <summary>Refuses, and records it, unless the caller holds every one of the permissions they are handing out.</summary>
    public static async Task RequireHoldsAllAsync(ICurrentUser user, string actor, IEnumerable<string> permissions, string entityType,
        string entityId, CancellationToken ct)
    {
        var held = await user.GetPermissionsAsync(ct);
        var beyond = permissions.Where(p => !held.Contains(p)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (beyond.Count == 0)
            return;
        throw await user.RefuseAsync(actor, "holds every permission handed out",
            $"You cannot hand out {Describe(beyond)} that you do not hold yourself.", entityType, entityId, ct);
    }

    private static string Describe(IReadOnlyList<string> permissions) =>
        permissions.Count == 1
            ? $"the permission {permissions[0]}"
            : $"{permissions.Count} permissions ({string.Join(", ", permissions.Take(3))}{(permissions.Count > 3 ? ", …" : "")})";
}
