using Arc.Domain.Audit;
using Arc.Domain.Common;

namespace Arc.Domain.Permissions;

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
