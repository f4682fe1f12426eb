using Arc.Domain.Authorities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Authorities;

public sealed class AuthorityVehicleMetaConfiguration : IEntityTypeConfiguration<AuthorityVehicleMeta>
{
    public void Configure(EntityTypeBuilder<AuthorityVehicleMeta> e)
    {
        e.ToTable("vehicle_meta", "authkey");
        e.HasKey(m => new { m.Vin, m.Section, m.Key });
    }
}
