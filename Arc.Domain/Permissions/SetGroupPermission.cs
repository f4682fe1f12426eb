using Arc.Domain.Audit;
using Arc.Domain.Common;

namespace Arc.Domain.Permissions;

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
