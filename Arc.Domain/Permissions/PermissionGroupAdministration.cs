using System.Globalization;
using Arc.Domain.Audit;
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

internal static class GroupRules
{
    public const int MaxNameLength = 100;

    public static string Name(string? name)
    {
        var value = (name ?? "").Trim();
        if (value.Length == 0)
            throw new ValidationFailedException("name", "Name is required.");
        if (value.Length > MaxNameLength || value.Any(char.IsControl))
            throw new ValidationFailedException("name", $"A group name has at most {MaxNameLength} characters and no control characters.");
        return value;
    }

    /// <summary>As users_group_create: the name in lower case with spaces as underscores.</summary>
    public static string MachineName(string name) => name.ToLowerInvariant().Replace(' ', '_');

    public static async Task EnsureUniqueAsync(IArcData data, string name, int? except, CancellationToken ct)
    {
        var machine = MachineName(name);
        if (await data.AnyAsync(data.PermissionGroups.Where(g => g.Id != except && (g.Name.ToLower() == name.ToLower() || g.MachineName == machine)), ct))
            throw new ValidationFailedException("name", $"A group named {name} exists already.");
    }

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
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

/// <summary>Creates a permission group (users.group.create).</summary>
public sealed class CreatePermissionGroup(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit) : IUseCase
{
    public async Task<int> HandleAsync(string? name, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.GroupCreate, ct);
        var clean = GroupRules.Name(name);
        await using var data = dataFactory.Open();
        await GroupRules.EnsureUniqueAsync(data, clean, null, ct);
        var group = new PermissionGroup { Name = clean, MachineName = GroupRules.MachineName(clean) };
        await data.AssignIdAsync(group, ct);
        data.Add(group);
        audit.Record(data, actor, AuditActions.GroupCreated, AuditEntityTypes.PermissionGroup, GroupRules.Id(group.Id), new { name = clean });
        await data.SaveChangesAsync(ct);
        return group.Id;
    }
}

/// <summary>
/// Renames a permission group (users.group.write); its machine name follows. <paramref name="version"/> is the group's
/// version the caller's page read (<see cref="GroupDetail.RowVersion"/>).
/// </summary>
public sealed class RenamePermissionGroup(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit) : IUseCase
{
    public async Task HandleAsync(int groupId, string? name, uint? version = null, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.GroupWrite, ct);
        var clean = GroupRules.Name(name);
        await using var data = dataFactory.Open();
        var group = await data.FirstOrDefaultAsync(data.PermissionGroups.Where(g => g.Id == groupId), ct)
            ?? throw new NotFoundException("Permission group", GroupRules.Id(groupId));
        await GroupRules.EnsureUniqueAsync(data, clean, groupId, ct);
        data.ExpectVersion(group, version, GroupDetail.Thing(group));
        audit.Record(data, actor, AuditActions.GroupRenamed, AuditEntityTypes.PermissionGroup, GroupRules.Id(groupId), new { from = group.Name, to = clean });
        group.Name = clean;
        group.MachineName = GroupRules.MachineName(clean);
        await data.SaveChangesAsync(ct);
    }
}

/// <summary>Deletes a permission group with its memberships and permissions (users.group.delete); group 1 is protected.</summary>
public sealed class DeletePermissionGroup(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit) : IUseCase
{
    public async Task HandleAsync(int groupId, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.GroupDelete, ct);
        if (groupId == PermissionGroup.AdministratorGroupId)
            throw new ConflictException("The Administrator group cannot be deleted.");
        await using var data = dataFactory.Open();
        var group = await data.FirstOrDefaultAsync(data.PermissionGroups.Where(g => g.Id == groupId), ct)
            ?? throw new NotFoundException("Permission group", GroupRules.Id(groupId));
        var members = await data.ListAsync(data.GroupMembers.Where(m => m.GroupId == groupId), ct);
        foreach (var member in members)
            data.Remove(member);
        foreach (var permission in await data.ListAsync(data.GroupPermissions.Where(p => p.GroupId == groupId), ct))
            data.Remove(permission);
        data.Remove(group);
        audit.Record(data, actor, AuditActions.GroupDeleted, AuditEntityTypes.PermissionGroup, GroupRules.Id(groupId), new { name = group.Name, members = members.Count });
        await data.SaveChangesAsync(ct);
    }
}

/// <summary>
/// Adds a permission to a group (users.group.add-permission) or removes one (users.group.remove-permission). Only
/// permissions of the catalogue exist; the Administrator group keeps all of them, so nobody can lock the portal. Nobody
/// adds a permission to a group they belong to, nor one they do not hold themselves. The group's version changes with
/// its permissions; <paramref name="version"/> is the one the caller's page read.
/// </summary>
public sealed class SetGroupPermission(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit) : IUseCase
{
    public async Task HandleAsync(int groupId, string permission, bool granted, uint? version = null, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(granted ? Perm.GroupAddPermission : Perm.GroupRemovePermission, ct);
        if (!PermissionCatalogue.Exists(permission ?? ""))
            throw new ValidationFailedException("permission", $"There is no permission '{(permission ?? "").Trim()[..Math.Min(60, (permission ?? "").Trim().Length)]}'.");
        if (!granted && groupId == PermissionGroup.AdministratorGroupId)
            throw new ConflictException("The Administrator group keeps every permission.");
        await using var data = dataFactory.Open();
        var group = await data.FirstOrDefaultAsync(data.PermissionGroups.Where(g => g.Id == groupId), ct)
            ?? throw new NotFoundException("Permission group", GroupRules.Id(groupId));
        if (granted)
        {
            if (await data.AnyAsync(data.GroupMembers.Where(m => m.GroupId == groupId && m.Username == actor), ct))
                throw await user.RefuseAsync(actor, "not a group of one's own",
                    "Nobody can add permissions to a group they belong to; ask an administrator outside this group.",
                    AuditEntityTypes.PermissionGroup, GroupRules.Id(groupId), ct);
            await ElevationRules.RequireHoldsAllAsync(user, actor, [permission!], AuditEntityTypes.PermissionGroup, GroupRules.Id(groupId), ct);
        }
        var existing = await data.ListAsync(data.GroupPermissions.Where(p => p.GroupId == groupId && p.Permission == permission), ct);
        if (granted == existing.Count > 0)
            return;
        if (granted)
            data.Add(new GroupPermission { GroupId = groupId, Permission = permission! });
        else
            foreach (var entry in existing)
                data.Remove(entry);
        data.ExpectVersion(group, version, GroupDetail.Thing(group));
        audit.Record(data, actor, granted ? AuditActions.GroupPermissionAdded : AuditActions.GroupPermissionRemoved, AuditEntityTypes.PermissionGroup,
            GroupRules.Id(groupId), new { permission });
        await data.SaveChangesAsync(ct);
    }
}
