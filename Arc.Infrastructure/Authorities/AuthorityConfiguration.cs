using Arc.Domain.Authorities;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Authorities;

/// <summary>The Authority Manager's tables keep the old authkey database's names, in a schema of their own.</summary>
public sealed class AuthorityConfiguration : IEntityTypeConfiguration<Authority>
{
    public void Configure(EntityTypeBuilder<Authority> e)
    {
        e.ToTable("authority_keys", "authkey");
        e.MapVersion();
        e.Property(a => a.Id).HasColumnName("authority_keys_id");
        e.Property(a => a.ParentId).HasColumnName("parent_authority_id");
        e.Property(a => a.KeyReference).HasColumnName("cmk_id").HasMaxLength(200);
        e.Property(a => a.Description).HasMaxLength(Authority.MaxDescriptionLength);
        e.HasIndex(a => a.ParentId);
        e.Ignore(a => a.IsRoot);
        e.Ignore(a => a.TrustedKey);
    }
}
