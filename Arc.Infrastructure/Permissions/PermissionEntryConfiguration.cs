using Arc.Domain.Permissions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Permissions;

public sealed class PermissionEntryConfiguration : IEntityTypeConfiguration<PermissionEntry>
{
    public void Configure(EntityTypeBuilder<PermissionEntry> e)
    {
        e.ToTable("user_permission", "users");
        e.HasKey(p => new { p.Name, p.Resource });
        e.Property(p => p.Name).HasColumnName("permission").HasMaxLength(200);
        e.Property(p => p.Resource).HasMaxLength(200).HasDefaultValue(PermissionEntry.AnyResource);
    }
}
