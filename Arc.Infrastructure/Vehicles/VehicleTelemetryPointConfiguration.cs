using Arc.Domain.Vehicles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Vehicles;

public sealed class VehicleTelemetryPointConfiguration : IEntityTypeConfiguration<VehicleTelemetryPoint>
{
    public void Configure(EntityTypeBuilder<VehicleTelemetryPoint> e)
    {
        e.ToTable("telemetry_points", "main");
        e.HasKey(p => new { p.Vin, p.Point });
        e.Property(p => p.Point).HasColumnName("prop").HasMaxLength(100);
        e.Property(p => p.Frequency).HasColumnName("freq");
    }
}
