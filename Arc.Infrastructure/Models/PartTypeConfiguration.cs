using Arc.Domain.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Models;

public sealed class PartTypeConfiguration : IEntityTypeConfiguration<PartType>
{
    public void Configure(EntityTypeBuilder<PartType> e)
    {
        e.ToTable("vehicle_part_types", "main");
        e.HasKey(p => p.Name);
        e.Property(p => p.Name).HasColumnName("part_type").HasMaxLength(50);
    }
}
