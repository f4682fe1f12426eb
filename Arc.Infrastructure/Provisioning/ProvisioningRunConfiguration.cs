using Arc.Domain.Provisioning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Provisioning;

public sealed class ProvisioningRunConfiguration : IEntityTypeConfiguration<ProvisioningRun>
{
    public void Configure(EntityTypeBuilder<ProvisioningRun> e)
    {
        e.ToTable("provisioning_run", "main");
        e.Property(r => r.Vin).HasMaxLength(40);
        e.Property(r => r.Kind).HasMaxLength(40);
        e.Property(r => r.Status).HasMaxLength(30);
        e.HasMany(r => r.Steps).WithOne().HasForeignKey(s => s.RunId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => new { r.Vin, r.Started });
        // One active run per VIN: two staff, two tabs, or a page and a bulk job cannot interleave on a vehicle.
        e.HasIndex(r => r.Vin).IsUnique().HasFilter("status IN ('running', 'compensating')").HasDatabaseName("ix_provisioning_run_active_vin");
        e.HasIndex(r => r.LeaseUntil).HasFilter("lease_until IS NOT NULL");
        e.Property(r => r.LeaseUntil).IsConcurrencyToken();
    }
}
