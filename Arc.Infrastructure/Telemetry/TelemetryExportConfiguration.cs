using Arc.Domain.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Telemetry;

public sealed class TelemetryExportConfiguration : IEntityTypeConfiguration<TelemetryExport>
{
    public void Configure(EntityTypeBuilder<TelemetryExport> e)
    {
        e.ToTable("export", "telemetry");
        e.Property(x => x.Vin).HasMaxLength(40);
        e.Property(x => x.Points).HasMaxLength(1400);
        e.Property(x => x.Actor).HasMaxLength(200);
        e.Property(x => x.Status).HasMaxLength(20);
        e.HasIndex(x => new { x.Vin, x.Actor });
    }
}
