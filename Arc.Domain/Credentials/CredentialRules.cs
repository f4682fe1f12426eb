using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Credentials;

/// <summary>What a credential's name, description, expiry, groups and rotation overlap may be.</summary>
public static class CredentialRules
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 500;
    public const int MaxGroups = 20;
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(730);
    public static readonly TimeSpan MaxOverlap = TimeSpan.FromDays(30);

    public static string Name(string? text)
    {
        var name = (text ?? "").Trim();
        if (name.Length == 0)
            throw new ValidationFailedException("name", "Give the credential a name that says who uses it, e.g. \"Factory line 2\".");
        if (name.Length > MaxNameLength)
            throw new ValidationFailedException("name", $"A name has at most {MaxNameLength} characters.");
        if (PlainText.HasHiddenCharacters(name))
            throw new ValidationFailedException("name", "The name contains control or invisible characters; type it again.");
        return name;
    }

    public static string? Description(string? text)
    {
        var description = text?.Trim();
        if (string.IsNullOrEmpty(description))
            return null;
        if (description.Length > MaxDescriptionLength)
            throw new ValidationFailedException("description", $"A description has at most {MaxDescriptionLength} characters.");
        if (PlainText.HasHiddenCharacters(description.Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal)))
            throw new ValidationFailedException("description", "The description contains control or invisible characters; type it again.");
        return description;
    }

    public static DateTimeOffset Expiry(DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        if (expiresAt is not { } expiry)
            throw new ValidationFailedException("expiresAt", "Choose when the credential expires.");
        if (expiry <= now)
            throw new ValidationFailedException("expiresAt", "The expiry must be in the future.");
        if (expiry - now > MaxLifetime)
            throw new ValidationFailedException("expiresAt", $"A credential lives at most {MaxLifetime.TotalDays:0} days; rotate it before then.");
        return expiry.ToUniversalTime();
    }

    public static TimeSpan Overlap(TimeSpan overlap)
    {
        if (overlap < TimeSpan.Zero || overlap > MaxOverlap)
            throw new ValidationFailedException("overlap", $"The old secret stays valid between 0 and {MaxOverlap.TotalDays:0} days.");
        return overlap;
    }

    /// <summary>The groups, which must exist: their permissions are what the credential may do.</summary>
    public static async Task<IReadOnlyList<PermissionGroup>> GroupsAsync(IArcData data, IReadOnlyCollection<int>? groupIds, CancellationToken ct)
    {
        var ids = (groupIds ?? []).Distinct().ToList();
        if (ids.Count == 0)
            throw new ValidationFailedException("groups", "Choose at least one permission group: a credential without one can do nothing.");
        if (ids.Count > MaxGroups)
            throw new ValidationFailedException("groups", $"A credential has at most {MaxGroups} groups.");
        var groups = await data.ListAsync(data.PermissionGroups.Where(g => ids.Contains(g.Id)), ct);
        if (groups.Count != ids.Count)
            throw new ValidationFailedException("groups", "A chosen permission group no longer exists; reload and choose again.");
        return groups;
    }

    /// <summary>
    /// Whoever receives a credential's secret can act with all of its groups' permissions, so nobody hands one out (on
    /// creation or rotation) with a permission they do not hold themselves (decision 12: no self-elevation).
    /// </summary>
    public static async Task RequireHoldsGroupsAsync(IArcData data, ICurrentUser user, string actor, IReadOnlyCollection<int> groupIds,
        string entityId, CancellationToken ct)
    {
        var permissions = await data.ListAsync(data.GroupPermissions.Where(p => groupIds.Contains(p.GroupId)).Select(p => p.Permission).Distinct(), ct);
        await ElevationRules.RequireHoldsAllAsync(user, actor, permissions, AuditEntityTypes.ServiceCredential, entityId, ct);
    }
}
