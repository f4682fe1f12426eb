using Arc.Domain.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Models;

public sealed class VehicleModelConfiguration : IEntityTypeConfiguration<VehicleModel>
{
    public void Configure(EntityTypeBuilder<VehicleModel> e)
    {
        e.ToTable("vehicle_model", "main");
        e.Property(m => m.ModelName).HasMaxLength(20);
        e.Property(m => m.LetterCode).HasMaxLength(10);
        e.HasIndex(m => m.LetterCode).IsUnique();
        e.HasOne<VehiclePlatform>().WithMany().HasForeignKey(m => m.PlatformId);
    }
}
