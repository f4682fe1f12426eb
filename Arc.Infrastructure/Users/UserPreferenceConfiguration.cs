using Arc.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Users;

public sealed class UserPreferenceConfiguration : IEntityTypeConfiguration<UserPreference>
{
    public void Configure(EntityTypeBuilder<UserPreference> e)
    {
        e.ToTable("user_preference", "users");
        e.HasKey(p => new { p.Username, p.Key });
        e.Property(p => p.Username).HasMaxLength(200);
        e.Property(p => p.Key).HasMaxLength(60);
        e.Property(p => p.Value).HasMaxLength(200);
    }
}
