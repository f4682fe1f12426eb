using Arc.Domain.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Models;

public sealed class VehiclePlatformConfiguration : IEntityTypeConfiguration<VehiclePlatform>
{
    public void Configure(EntityTypeBuilder<VehiclePlatform> e)
    {
        e.ToTable("vehicle_platform", "main");
        e.Property(p => p.PlatformName).HasMaxLength(20);
    }
}
