using Arc.Domain.Provisioning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Provisioning;

public sealed class ProvisioningStepConfiguration : IEntityTypeConfiguration<ProvisioningStep>
{
    public void Configure(EntityTypeBuilder<ProvisioningStep> e)
    {
        e.ToTable("provisioning_step", "main");
        e.HasKey(s => new { s.RunId, s.Index });
        e.Property(s => s.Name).HasMaxLength(60);
        e.Property(s => s.Status).HasMaxLength(30);
        e.Property(s => s.State).HasColumnType("jsonb");
    }
}
