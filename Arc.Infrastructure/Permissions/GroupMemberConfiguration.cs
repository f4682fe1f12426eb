using Arc.Domain.Permissions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Permissions;

public sealed class GroupMemberConfiguration : IEntityTypeConfiguration<GroupMember>
{
    public void Configure(EntityTypeBuilder<GroupMember> e)
    {
        e.ToTable("user_group_join", "users");
        e.HasKey(m => new { m.Username, m.GroupId });
        e.Property(m => m.Username).HasMaxLength(200);
        // The naming convention names a foreign key when it is added, after the principal's table as it is then; this mapping
        // may run before the principal's own, so the name is spelled out.
        e.HasOne<PermissionGroup>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName("fk_user_group_join_user_group_group_id");
        e.HasIndex(m => m.GroupId);
    }
}
