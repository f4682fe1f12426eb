using Arc.Domain.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Telemetry;

public sealed class PointDefinitionConfiguration : IEntityTypeConfiguration<PointDefinition>
{
    public void Configure(EntityTypeBuilder<PointDefinition> e)
    {
        e.ToTable("point_definition", "telemetry");
        e.HasKey(p => new { p.VersionId, p.Name });
        e.Property(p => p.Name).HasMaxLength(64);
        e.Property(p => p.Group).HasMaxLength(100);
        e.Property(p => p.Type).HasMaxLength(10);
        e.Property(p => p.Report).HasMaxLength(10);
        e.Property(p => p.Unit).HasMaxLength(10);
        e.Property(p => p.ByteList).HasColumnType("jsonb");
        // The naming convention names a foreign key when it is added, after the principal's table as it is then; this mapping
        // may run before the principal's own, so the name is spelled out.
        e.HasOne<TelemetryDefinitionVersion>().WithMany(v => v.Points).HasForeignKey(p => p.VersionId).OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName("fk_point_definition_definition_version_version_id");
    }
}
