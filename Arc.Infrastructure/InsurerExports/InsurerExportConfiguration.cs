using Arc.Domain.InsurerExports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.InsurerExports;

public sealed class InsurerExportConfiguration : IEntityTypeConfiguration<InsurerExport>
{
    public void Configure(EntityTypeBuilder<InsurerExport> e)
    {
        e.ToTable("insurer_export", "main");
        e.Property(x => x.FileKey).HasMaxLength(600);
        e.Property(x => x.Status).HasMaxLength(20);
        e.Property(x => x.RequestedBy).HasMaxLength(200);
        e.Property(x => x.Error).HasMaxLength(500);
        e.Ignore(x => x.Period);
        // One export per month: a second run of a month updates this row.
        e.HasIndex(x => new { x.Year, x.Month }).IsUnique();
    }
}
