using Arc.Domain.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Telemetry;

public sealed class TelemetryDefinitionVersionConfiguration : IEntityTypeConfiguration<TelemetryDefinitionVersion>
{
    public void Configure(EntityTypeBuilder<TelemetryDefinitionVersion> e)
    {
        e.ToTable("definition_version", "telemetry");
        e.Property(v => v.Name).HasMaxLength(60);
        e.HasIndex(v => v.Name).IsUnique();
        e.Property(v => v.Description).HasMaxLength(200);
    }
}
