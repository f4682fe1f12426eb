using Arc.Domain.Common;

namespace Arc.Domain.Permissions;

/// <summary>The tables of permission groups, what they grant and who belongs to them, read as <c>data.PermissionGroups</c> on any <see cref="IArcData"/>.</summary>
public interface IPermissionData : IEntitySets
{
    IQueryable<PermissionGroup> PermissionGroups => Set<PermissionGroup>();
    IQueryable<GroupPermission> GroupPermissions => Set<GroupPermission>();
    IQueryable<GroupMember> GroupMembers => Set<GroupMember>();
}
