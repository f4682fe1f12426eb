using Arc.Domain.Audit;
using Arc.Domain.Common;

namespace Arc.Domain.Permissions;

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
