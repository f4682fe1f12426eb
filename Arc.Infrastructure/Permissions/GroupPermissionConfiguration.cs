using Arc.Domain.Permissions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Permissions;

public sealed class GroupPermissionConfiguration : IEntityTypeConfiguration<GroupPermission>
{
    public void Configure(EntityTypeBuilder<GroupPermission> e)
    {
        e.ToTable("user_permission_group_join", "users");
        e.HasKey(p => new { p.Permission, p.Resource, p.GroupId });
        e.Property(p => p.Permission).HasMaxLength(200);
        e.Property(p => p.Resource).HasMaxLength(200).HasDefaultValue(PermissionEntry.AnyResource);
        e.HasOne<PermissionEntry>().WithMany().HasForeignKey(p => new { p.Permission, p.Resource });
        // The naming convention names a foreign key when it is added, after the principal's table as it is then; this mapping
        // may run before the principal's own, so the name is spelled out.
        e.HasOne<PermissionGroup>().WithMany().HasForeignKey(p => p.GroupId).OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName("fk_user_permission_group_join_user_group_group_id");
    }
}
