using Arc.Domain.Notes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Notes;

public sealed class NoteTagConfiguration : IEntityTypeConfiguration<NoteTag>
{
    public void Configure(EntityTypeBuilder<NoteTag> e)
    {
        e.ToTable("notes_tags", "main");
        e.HasKey(t => t.TagId);
        e.Property(t => t.TagName).HasMaxLength(50);
        e.HasIndex(t => t.TagName).IsUnique();
    }
}
