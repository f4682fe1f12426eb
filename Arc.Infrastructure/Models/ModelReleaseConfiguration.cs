using Arc.Domain.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Models;

public sealed class ModelReleaseConfiguration : IEntityTypeConfiguration<ModelRelease>
{
    public void Configure(EntityTypeBuilder<ModelRelease> e)
    {
        e.ToTable("vehicle_model_release", "main");
        e.HasKey(r => r.ModelReleaseId);
        e.HasOne(r => r.Model).WithMany().HasForeignKey(r => r.ModelId);
    }
}
