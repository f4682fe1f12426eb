using Arc.Domain.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Email;

public sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> e)
    {
        e.ToTable("outbox_email", "mail");
        e.Property(m => m.To).HasMaxLength(254);
        e.Property(m => m.Template).HasMaxLength(100);
        e.Property(m => m.Data).HasColumnType("jsonb");
        e.Property(m => m.Status).HasMaxLength(20);
        e.Property(m => m.Provider).HasMaxLength(20);
        e.Property(m => m.MessageId).HasMaxLength(200);
        e.Property(m => m.Version).IsRowVersion();
        e.HasIndex(m => new { m.Status, m.NextAttempt });
    }
}
