using Arc.Domain.Authorities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Authorities;

public sealed class VehicleAuthorityConfiguration : IEntityTypeConfiguration<VehicleAuthority>
{
    public void Configure(EntityTypeBuilder<VehicleAuthority> e)
    {
        e.ToTable("vehicle_authority", "authkey");
        e.HasKey(v => new { v.AuthorityId, v.Vin });
        e.Property(v => v.Vin).HasMaxLength(40);
        e.HasIndex(v => v.Vin);
        e.HasOne<Authority>().WithMany().HasForeignKey(v => v.AuthorityId).OnDelete(DeleteBehavior.Cascade);
    }
}
