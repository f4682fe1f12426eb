using Arc.Domain.Permissions;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Permissions;

public sealed class PermissionGroupConfiguration : IEntityTypeConfiguration<PermissionGroup>
{
    public void Configure(EntityTypeBuilder<PermissionGroup> e)
    {
        e.ToTable("user_group", "users");
        e.MapVersion();
        e.Property(g => g.MachineName).HasMaxLength(200);
        e.HasIndex(g => g.MachineName).IsUnique();
        e.Ignore(g => g.IsProtected);
    }
}
