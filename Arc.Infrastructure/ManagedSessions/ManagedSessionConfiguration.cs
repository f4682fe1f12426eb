using Arc.Domain.ManagedSessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.ManagedSessions;

public sealed class ManagedSessionConfiguration : IEntityTypeConfiguration<ManagedSession>
{
    public void Configure(EntityTypeBuilder<ManagedSession> e)
    {
        // One table for the portal's and REEF's sessions (the old system had two of the same shape).
        e.ToTable("managed_sessions", "main");
        // Sealed by the key vault (ManagedPinStore); plain 6-digit PINs of old rows are sealed at start-up.
        e.Property(m => m.Creator).HasMaxLength(200);
        e.Property(m => m.VerificationId).HasMaxLength(50);
        e.HasIndex(m => new { m.Vin, m.Completion });
    }
}
