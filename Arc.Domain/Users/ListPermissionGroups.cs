using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Users;

public sealed record GroupSummary(int Id, string Name, string MachineName, int Members, int Permissions);

/// <summary>The permission groups with their sizes (users.groups.read).</summary>
public sealed class ListPermissionGroups(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<IReadOnlyList<GroupSummary>> HandleAsync(CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.GroupsRead, ct);
        await using var data = dataFactory.Open();
        return await data.ListAsync(data.PermissionGroups.OrderBy(g => g.Id).Select(g => new GroupSummary(g.Id, g.Name, g.MachineName,
            data.GroupMembers.Count(m => m.GroupId == g.Id), data.GroupPermissions.Count(p => p.GroupId == g.Id))), ct);
    }
}
