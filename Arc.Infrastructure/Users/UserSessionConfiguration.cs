using Arc.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Users;

public sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> e)
    {
        e.ToTable("user_session", "users");
        e.HasKey(s => s.Id);
        e.Property(s => s.Id).ValueGeneratedNever();
        e.Property(s => s.Username).HasMaxLength(200);
        e.Property(s => s.Stamp).HasMaxLength(64);
        e.Property(s => s.EndedReason).HasMaxLength(40);
        e.Property(s => s.Device).HasMaxLength(UserSession.MaxDeviceLength);
        e.Property(s => s.Address).HasMaxLength(UserSession.MaxAddressLength);
        // A user's open sessions: the profile's list, "sign out everywhere" and disabling an account.
        e.HasIndex(s => new { s.Username, s.Ended });
    }
}
