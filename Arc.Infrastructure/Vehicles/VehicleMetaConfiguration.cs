using Arc.Domain.Vehicles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Vehicles;

public sealed class VehicleMetaConfiguration : IEntityTypeConfiguration<VehicleMeta>
{
    public void Configure(EntityTypeBuilder<VehicleMeta> e)
    {
        e.ToTable("vehicle_meta", "main");
        e.HasKey(m => new { m.Vin, m.Section, m.Key });
    }
}
