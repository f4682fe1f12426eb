using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Provisioning;

public sealed class StoredCertificateAuthorityConfiguration : IEntityTypeConfiguration<StoredCertificateAuthority>
{
    public void Configure(EntityTypeBuilder<StoredCertificateAuthority> e)
    {
        e.ToTable("local_ca", "registry");
        e.Property(c => c.Id).ValueGeneratedNever();
    }
}
