using Arc.Domain.SideEffects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.SideEffects;

public sealed class SideEffectConfiguration : IEntityTypeConfiguration<SideEffect>
{
    public void Configure(EntityTypeBuilder<SideEffect> e)
    {
        e.ToTable("side_effect", "main");
        e.Property(s => s.Kind).HasMaxLength(40);
        e.Property(s => s.Vin).HasMaxLength(40);
        e.Property(s => s.Argument).HasMaxLength(200);
        e.Property(s => s.Actor).HasMaxLength(200);
        e.Property(s => s.CorrelationId).HasMaxLength(100);
        e.Property(s => s.LastError).HasMaxLength(SideEffectExecutor.MaxErrorLength);
        e.HasIndex(s => s.NextAttempt);
        e.HasIndex(s => new { s.Vin, s.Kind });
    }
}
