using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Provisioning;

public sealed class StoredThingConfiguration : IEntityTypeConfiguration<StoredThing>
{
    public void Configure(EntityTypeBuilder<StoredThing> e)
    {
        e.ToTable("iot_thing", "registry");
        e.HasKey(t => t.ThingName);
        e.Property(t => t.Attributes).HasColumnType("jsonb");
    }
}
