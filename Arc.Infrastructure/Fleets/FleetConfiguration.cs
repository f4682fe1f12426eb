using Arc.Domain.Fleets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Fleets;

public sealed class FleetConfiguration : IEntityTypeConfiguration<Fleet>
{
    public void Configure(EntityTypeBuilder<Fleet> e)
    {
        e.ToTable("vehicle_group", "main");
        e.Property(f => f.Name).HasMaxLength(100);
        e.Ignore(f => f.IsProtected);
    }
}
