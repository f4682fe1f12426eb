using Arc.Domain.Provisioning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Provisioning;

public sealed class BulkProvisioningRowConfiguration : IEntityTypeConfiguration<BulkProvisioningRow>
{
    public void Configure(EntityTypeBuilder<BulkProvisioningRow> e)
    {
        e.ToTable("bulk_provisioning_row", "main");
        // A pending row is taken by one worker: the second finds the status changed.
        e.Property(r => r.Status).IsConcurrencyToken();
        e.Property(r => r.ClaimedUntil).IsConcurrencyToken();
        e.HasKey(r => new { r.JobId, r.Line });
        e.Property(r => r.Text).HasMaxLength(100);
        e.Property(r => r.Vin).HasMaxLength(40);
        e.Property(r => r.Status).HasMaxLength(30);
        e.Property(r => r.IdentityKeyReference).HasMaxLength(300);
        e.HasIndex(r => new { r.JobId, r.Status });
    }
}
