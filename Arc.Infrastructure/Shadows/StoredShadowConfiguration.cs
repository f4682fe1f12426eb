using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Shadows;

public sealed class StoredShadowConfiguration : IEntityTypeConfiguration<StoredShadow>
{
    public void Configure(EntityTypeBuilder<StoredShadow> e)
    {
        e.ToTable("device_shadow", "main");
        e.HasKey(s => s.ThingName);
        e.Property(s => s.ThingName).HasMaxLength(128);
        e.Property(s => s.Document).HasColumnType("jsonb");
        e.Property(s => s.Version).IsConcurrencyToken();
        e.HasIndex(s => s.HasDelta);
    }
}
