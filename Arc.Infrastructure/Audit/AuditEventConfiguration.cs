using Arc.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Audit;

public sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> e)
    {
        e.ToTable("audit_event", "audit");
        e.Property(a => a.Actor).HasMaxLength(200);
        e.Property(a => a.Action).HasMaxLength(100);
        e.Property(a => a.EntityType).HasMaxLength(50);
        e.Property(a => a.EntityId).HasMaxLength(200);
        e.Property(a => a.CorrelationId).HasMaxLength(100);
        e.HasIndex(a => a.At);
        e.HasIndex(a => a.Actor);
        e.HasIndex(a => new { a.EntityType, a.EntityId });
        e.HasIndex(a => a.Action);
    }
}
