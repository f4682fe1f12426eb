using Arc.Domain.Audit;
using Arc.Domain.Common;

namespace Arc.Domain.Permissions;

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
