using Arc.Domain.Fleets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Fleets;

public sealed class FleetVehicleConfiguration : IEntityTypeConfiguration<FleetVehicle>
{
    public void Configure(EntityTypeBuilder<FleetVehicle> e)
    {
        e.ToTable("vehicle_join_vehicle_group", "main");
        e.HasKey(f => new { f.Vin, f.FleetId });
        e.Property(f => f.FleetId).HasColumnName("group_id");
        e.HasIndex(f => new { f.FleetId, f.Vin });
    }
}
