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
        // Named as the first migration named it: the convention names a key after the principal's table as it is when the
        // key is added, which depends on the order the mappings run in.
        e.HasOne(v => v.ModelRelease).WithMany().HasForeignKey(v => v.ModelReleaseId).OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName("fk_vehicle_vehicle_model_release_model_release_id");
        // Substring search over 100,000+ VINs stays an index scan with trigrams.
        e.HasIndex(v => v.Vin).HasDatabaseName("ix_vehicle_vin_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
        e.HasIndex(v => v.ModelReleaseId);
        e.HasIndex(v => v.Created);
    }
}
