using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Provisioning;

public sealed class StoredCertificateConfiguration : IEntityTypeConfiguration<StoredCertificate>
{
    public void Configure(EntityTypeBuilder<StoredCertificate> e)
    {
        e.ToTable("iot_certificate", "registry");
        e.HasKey(c => c.CertificateId);
        e.HasIndex(c => c.ThingName);
    }
}
