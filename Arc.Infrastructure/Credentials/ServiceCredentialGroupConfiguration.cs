using Arc.Domain.Credentials;
using Arc.Domain.Permissions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Credentials;

public sealed class ServiceCredentialGroupConfiguration : IEntityTypeConfiguration<ServiceCredentialGroup>
{
    public void Configure(EntityTypeBuilder<ServiceCredentialGroup> e)
    {
        e.ToTable("service_credential_groups", "users");
        e.HasKey(g => new { g.CredentialId, g.GroupId });
        // A deleted permission group leaves the credentials that had it, as it leaves its members.
        e.HasOne(g => g.Group).WithMany().HasForeignKey(g => g.GroupId).OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName("fk_service_credential_groups_user_group_group_id");
        e.HasIndex(g => g.GroupId);
    }
}
