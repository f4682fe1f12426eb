using Arc.Domain.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Telemetry;

public sealed class TelemetryBackfillConfiguration : IEntityTypeConfiguration<TelemetryBackfill>
{
    public void Configure(EntityTypeBuilder<TelemetryBackfill> e)
    {
        e.ToTable("backfill", "telemetry");
        e.Property(x => x.Vin).HasMaxLength(40);
        e.Property(x => x.FileName).HasMaxLength(200);
        e.Property(x => x.Actor).HasMaxLength(200);
        e.Property(x => x.Status).HasMaxLength(20);
        e.HasIndex(x => x.Vin);
    }
}
