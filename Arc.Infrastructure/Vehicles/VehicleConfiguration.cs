using Arc.Domain.Vehicles;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Vehicles;

public sealed class VehicleConfiguration : IEntityTypeConfiguration<Vehicle>
{
    public void Configure(EntityTypeBuilder<Vehicle> e)
    {
        e.ToTable("vehicle", "main");
        e.HasKey(v => v.Vin);
        e.MapVersion();
        e.Property(v => v.Vin).HasMaxLength(40);
        e.HasOne(v => v.ModelRelease).WithMany().HasForeignKey(v => v.ModelReleaseId).OnDelete(DeleteBehavior.Cascade);
        // Substring search over 100,000+ VINs stays an index scan with trigrams.
        e.HasIndex(v => v.Vin).HasDatabaseName("ix_vehicle_vin_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
        e.HasIndex(v => v.ModelReleaseId);
        e.HasIndex(v => v.Created);
    }
}
