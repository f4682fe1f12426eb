using Arc.Domain.Credentials;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Credentials;

public sealed class ServiceCredentialSecretConfiguration : IEntityTypeConfiguration<ServiceCredentialSecret>
{
    public void Configure(EntityTypeBuilder<ServiceCredentialSecret> e)
    {
        e.ToTable("service_credential_secrets", "users");
        e.HasKey(s => s.Id);
        e.Property(s => s.Hash).HasMaxLength(200);
        e.HasIndex(s => s.CredentialId);
        e.Property(s => s.CertificateThumbprint).HasMaxLength(64);
        // A certificate proves one credential only; the lookup on every call goes by it.
        e.HasIndex(s => s.CertificateThumbprint).IsUnique().HasFilter("certificate_thumbprint IS NOT NULL");
    }
}
