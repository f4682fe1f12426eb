using Arc.Domain.Provisioning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Provisioning;

public sealed class BulkProvisioningJobConfiguration : IEntityTypeConfiguration<BulkProvisioningJob>
{
    public void Configure(EntityTypeBuilder<BulkProvisioningJob> e)
    {
        e.ToTable("bulk_provisioning_job", "main");
        // A job is confirmed (and started) once: the second of two confirmations finds the status changed.
        e.Property(j => j.Status).IsConcurrencyToken();
        e.Property(j => j.FileName).HasMaxLength(200);
        e.Property(j => j.Actor).HasMaxLength(200);
        e.Property(j => j.Status).HasMaxLength(30);
        e.HasMany(j => j.Rows).WithOne().HasForeignKey(r => r.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
