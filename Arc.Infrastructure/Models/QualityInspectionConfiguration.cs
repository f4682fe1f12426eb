using Arc.Domain.Models;
using Arc.Domain.Vehicles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Models;

public sealed class QualityInspectionConfiguration : IEntityTypeConfiguration<QualityInspection>
{
    public void Configure(EntityTypeBuilder<QualityInspection> e)
    {
        e.ToTable("vehicle_quality_inspections", "main");
        e.Property(q => q.Inspector).HasMaxLength(200);
        e.Property(q => q.Remarks).HasMaxLength(QualityInspection.MaxRemarksLength);
        e.HasIndex(q => new { q.Vin, q.Inspected });
        e.HasOne<Vehicle>().WithMany().HasForeignKey(q => q.Vin).OnDelete(DeleteBehavior.Cascade);
    }
}
