using Arc.Domain.Users;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Users;

public sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> e)
    {
        e.ToTable("user_profile", "users");
        e.HasKey(u => u.Username);
        e.MapVersion();
        e.Property(u => u.Username).HasMaxLength(200);
        e.Property(u => u.Email).HasMaxLength(254);
        e.Property(u => u.DisplayName).HasMaxLength(200);
        e.Property(u => u.Phone).HasMaxLength(32);
        e.Property(u => u.SecurityStamp).HasMaxLength(64);
        e.Property(u => u.Status).HasMaxLength(30).HasDefaultValue(DirectoryStatus.Confirmed);
        e.Property(u => u.Mfa).HasMaxLength(20).HasDefaultValue(MfaPreference.Off);
        e.HasIndex(u => u.Email).IsUnique();
        e.Ignore(u => u.Name);
        e.Ignore(u => u.MustEnrolMfa);
        e.Property(u => u.TotpKeyReference).HasMaxLength(300);
        e.Property(u => u.TotpDevice).HasMaxLength(25);
        e.Property(u => u.ResetCodeHash).HasMaxLength(200);
        e.Property(u => u.PendingEmail).HasMaxLength(254);
        e.Property(u => u.PendingEmailCodeHash).HasMaxLength(200);
        e.Property(u => u.ExternalSubject).HasMaxLength(300);
        e.HasIndex(u => u.ExternalSubject).IsUnique();
    }
}
