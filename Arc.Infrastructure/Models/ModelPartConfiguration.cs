using Arc.Domain.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Models;

public sealed class ModelPartConfiguration : IEntityTypeConfiguration<ModelPart>
{
    public void Configure(EntityTypeBuilder<ModelPart> e)
    {
        e.ToTable("vehicle_model_parts", "main");
        e.HasKey(p => new { p.ModelReleaseId, p.PartType });
        e.Property(p => p.PartType).HasMaxLength(50);
        e.Property(p => p.PartNumber).HasMaxLength(50);
        // The naming convention names a foreign key when it is added, after the principal's table as it is then; this mapping
        // may run before the principal's own, so the name is spelled out.
        e.HasOne<ModelRelease>().WithMany().HasForeignKey(p => p.ModelReleaseId).OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName("fk_vehicle_model_parts_vehicle_model_release_model_release_id");
        e.HasOne<PartType>().WithMany().HasForeignKey(p => p.PartType);
    }
}
