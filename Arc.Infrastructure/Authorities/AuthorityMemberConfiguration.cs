using Arc.Domain.Authorities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Authorities;

public sealed class AuthorityMemberConfiguration : IEntityTypeConfiguration<AuthorityMember>
{
    public void Configure(EntityTypeBuilder<AuthorityMember> e)
    {
        e.ToTable("authority_member", "authkey");
        e.HasKey(m => new { m.AuthorityId, m.Username });
        e.Property(m => m.Username).HasMaxLength(200);
        e.HasOne<Authority>().WithMany().HasForeignKey(m => m.AuthorityId).OnDelete(DeleteBehavior.Cascade);
    }
}
