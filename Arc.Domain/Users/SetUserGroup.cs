using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Users;

/// <summary>
/// Adds a user to a permission group or removes them (users.user.write and users.group.write, as before). Nobody adds
/// themselves, changes the groups of someone who holds more than they do, or adds anyone to a group whose permissions
/// they do not all hold. A membership belongs to both sides: the user's and the group's versions both change, and the
/// one the caller's page read (the user page's or the group page's) must still be current.
/// </summary>
public sealed class SetUserGroup(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit) : IUseCase
{
    public async Task HandleAsync(string username, int groupId, bool member, uint? userVersion = null, uint? groupVersion = null, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.UserWrite, ct);
        await user.RequireAsync(Perm.GroupWrite, ct);
        await using var data = dataFactory.Open();
        var account = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == username), ct) ?? throw new NotFoundException("User", username);
        var group = await data.FirstOrDefaultAsync(data.PermissionGroups.Where(g => g.Id == groupId), ct)
            ?? throw new NotFoundException("Permission group", groupId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (member && actor == username)
            throw await user.RefuseAsync(actor, "not oneself", "Nobody can add themselves to a permission group; ask another administrator.",
                AuditEntityTypes.User, username, ct);
        await ElevationRules.RequireNotAboveAsync(data, user, actor, username, ct);
        if (member)
            await ElevationRules.RequireHoldsAllAsync(user, actor,
                await data.ListAsync(data.GroupPermissions.Where(p => p.GroupId == groupId).Select(p => p.Permission), ct), AuditEntityTypes.User, username, ct);
        var existing = await data.FirstOrDefaultAsync(data.GroupMembers.Where(m => m.Username == username && m.GroupId == groupId), ct);
        if (member && existing is null)
            data.Add(new GroupMember { Username = username, GroupId = groupId });
        else if (!member && existing is not null)
            data.Remove(existing);
        else
            return;
        if (!member && groupId == 1 && actor == username)
            throw new ConflictException("You cannot remove yourself from the Administrator group.");
        data.ExpectVersion(account, userVersion, UserDetail.Thing(account));
        data.ExpectVersion(group, groupVersion, GroupDetail.Thing(group));
        audit.Record(data, actor, member ? AuditActions.UserGroupAdded : AuditActions.UserGroupRemoved, AuditEntityTypes.User, username, new { groupId });
        await data.SaveChangesAsync(ct);
    }
}
