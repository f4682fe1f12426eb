using Arc.Domain.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Models;

public sealed class CataloguePartConfiguration : IEntityTypeConfiguration<CataloguePart>
{
    public void Configure(EntityTypeBuilder<CataloguePart> e)
    {
        e.ToTable("vehicle_parts", "main");
        e.HasKey(p => new { p.PartType, p.PartNumber });
        e.Property(p => p.PartType).HasMaxLength(50);
        e.Property(p => p.PartNumber).HasMaxLength(50);
        e.Property(p => p.Description).HasMaxLength(CatalogueRules.MaxDescriptionLength);
        e.HasOne<PartType>().WithMany().HasForeignKey(p => p.PartType);
    }
}
