using Arc.Domain.Credentials;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Credentials;

public sealed class ServiceCredentialConfiguration : IEntityTypeConfiguration<ServiceCredential>
{
    public void Configure(EntityTypeBuilder<ServiceCredential> e)
    {
        e.ToTable("service_credentials", "users");
        e.HasKey(c => c.Id);
        e.Property(c => c.ClientId).HasMaxLength(ServiceCredentialAuthenticator.MaxClientIdLength);
        e.HasIndex(c => c.ClientId).IsUnique();
        e.Property(c => c.Name).HasMaxLength(CredentialRules.MaxNameLength);
        e.Property(c => c.Description).HasMaxLength(CredentialRules.MaxDescriptionLength);
        e.Property(c => c.CreatedBy).HasMaxLength(200);
        e.Property(c => c.RevokedBy).HasMaxLength(200);
        e.Property(c => c.Proof).HasConversion<string>().HasMaxLength(20).HasDefaultValue(CredentialProof.Secret);
        e.Ignore(c => c.Actor);
        e.HasMany(c => c.Secrets).WithOne().HasForeignKey(s => s.CredentialId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(c => c.Groups).WithOne().HasForeignKey(g => g.CredentialId).OnDelete(DeleteBehavior.Cascade);
    }
}
