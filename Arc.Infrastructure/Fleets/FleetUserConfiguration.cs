using Arc.Domain.Fleets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Fleets;

public sealed class FleetUserConfiguration : IEntityTypeConfiguration<FleetUser>
{
    public void Configure(EntityTypeBuilder<FleetUser> e)
    {
        e.ToTable("users_join_vehicle_group", "main");
        e.HasKey(f => new { f.Username, f.FleetId });
        e.Property(f => f.Username).HasMaxLength(200);
        e.Property(f => f.FleetId).HasColumnName("vehicle_group");
    }
}
