using Arc.Domain.Recalls;
using Arc.Domain.Tsbs;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Tsbs;

/// <summary>
/// The old <c>tsb</c> table given its behaviour (decision 0043). Models and model years are integer arrays (bulletins
/// number in the hundreds, so a vehicle's match is a scan of them); one bulletin not deleted per number (a partial
/// unique index; deleted ones keep theirs).
/// </summary>
public sealed class TsbConfiguration : IEntityTypeConfiguration<Tsb>
{
    public void Configure(EntityTypeBuilder<Tsb> e)
    {
        e.ToTable("tsb", "main");
        e.Property(t => t.Number).HasMaxLength(TsbNumber.MaxLength);
        e.Property(t => t.Title).HasMaxLength(Tsb.MaxTitleLength);
        e.Property(t => t.Summary).HasMaxLength(Tsb.MaxSummaryLength);
        e.Property(t => t.Component).HasMaxLength(Tsb.MaxComponentLength);
        e.Property(t => t.CommunicationType).HasConversion<string>().HasMaxLength(30);
        e.Property(t => t.NhtsaReference).HasMaxLength(TsbNhtsaReference.MaxLength);
        e.Property(t => t.Status).HasConversion<string>().HasMaxLength(10);
        e.Property(t => t.CreatedBy).HasMaxLength(200);
        e.HasOne<Recall>().WithMany().HasForeignKey(t => t.RecallId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(t => t.Number).IsUnique().HasFilter("status = 'Active'").HasDatabaseName("ux_tsb_number_active");
        e.ToTable(t =>
        {
            t.HasCheckConstraint("ck_tsb_models", "cardinality(model_ids) > 0");
            t.HasCheckConstraint("ck_tsb_model_years", "cardinality(model_years) > 0");
        });
        e.MapVersion();
    }
}

/// <summary>A bulletin's PDF files; the bytes are in the file store under <c>file_key</c>.</summary>
public sealed class TsbAttachmentConfiguration : IEntityTypeConfiguration<TsbAttachment>
{
    public void Configure(EntityTypeBuilder<TsbAttachment> e)
    {
        e.ToTable("tsb_attachments", "main");
        e.Property(a => a.FileName).HasMaxLength(TsbPdf.MaxNameLength);
        e.Property(a => a.FileKey).HasMaxLength(200);
        e.Property(a => a.UploadedBy).HasMaxLength(200);
        e.Property(a => a.DeletedBy).HasMaxLength(200);
        e.HasOne<Tsb>().WithMany().HasForeignKey(a => a.TsbId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(a => a.FileKey).IsUnique();
        e.HasIndex(a => a.TsbId);
    }
}
