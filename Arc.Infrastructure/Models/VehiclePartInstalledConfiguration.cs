using Arc.Domain.Models;
using Arc.Domain.Vehicles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Models;

public sealed class VehiclePartInstalledConfiguration : IEntityTypeConfiguration<VehiclePartInstalled>
{
    public void Configure(EntityTypeBuilder<VehiclePartInstalled> e)
    {
        e.ToTable("vehicle_parts_installed", "main");
        e.HasKey(p => new { p.Vin, p.PartType });
        e.Property(p => p.PartType).HasMaxLength(50);
        e.Property(p => p.PartNumber).HasMaxLength(50);
        e.HasOne<Vehicle>().WithMany().HasForeignKey(p => p.Vin).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<PartType>().WithMany().HasForeignKey(p => p.PartType);
    }
}
