using Arc.Domain.Common;

namespace Arc.Domain.Permissions;

public sealed record GroupPermissionView(string Name, string Description);

public sealed record GroupMemberView(string Username, string Name, string Email);

/// <param name="RowVersion">The group's version, which its page sends back with an edit.</param>
public sealed record GroupDetail(int Id, string Name, string MachineName, bool IsProtected, IReadOnlyList<GroupPermissionView> Permissions,
    IReadOnlyList<GroupMemberView> Members, uint RowVersion = 0)
{
    /// <summary>What a refused edit from a stale page names.</summary>
    public static string Thing(PermissionGroup group) => $"Permission group {group.Name}";
}

/// <summary>A permission group with its permissions and members (users.group.read).</summary>
public sealed class GetPermissionGroup(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<GroupDetail> HandleAsync(int groupId, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.GroupRead, ct);
        await using var data = dataFactory.Open();
        var group = await data.FirstOrDefaultAsync(data.PermissionGroups.Where(g => g.Id == groupId), ct)
            ?? throw new NotFoundException("Permission group", GroupRules.Id(groupId));
        var permissions = await data.ListAsync(data.GroupPermissions.Where(p => p.GroupId == groupId).Select(p => p.Permission).Distinct(), ct);
        var members = await data.ListAsync(data.Users.Where(u => data.GroupMembers.Any(m => m.GroupId == groupId && m.Username == u.Username))
            .OrderBy(u => u.DisplayName ?? u.Email).Select(u => new GroupMemberView(u.Username, u.DisplayName ?? u.Email, u.Email)), ct);
        var descriptions = PermissionCatalogue.All.ToDictionary(p => p.Name, p => p.Description, StringComparer.Ordinal);
        return new GroupDetail(group.Id, group.Name, group.MachineName, group.IsProtected,
            permissions.Order(StringComparer.Ordinal).Select(p => new GroupPermissionView(p, descriptions.GetValueOrDefault(p) ?? "")).ToList(), members, group.Version);
    }
}
