using Arc.Domain.Notes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Notes;

public sealed class NoteConfiguration : IEntityTypeConfiguration<Note>
{
    public void Configure(EntityTypeBuilder<Note> e)
    {
        e.ToTable("notes", "main");
        e.HasKey(n => n.NoteId);
        e.Property(n => n.ObjectType).HasMaxLength(20);
        e.Property(n => n.ObjectId).HasMaxLength(200);
        e.HasIndex(n => new { n.ObjectType, n.ObjectId, n.Created });
        e.HasMany(n => n.Tags).WithMany(t => t.Notes).UsingEntity(
            "notes_tags_join",
            r => r.HasOne(typeof(NoteTag)).WithMany().HasForeignKey("tag_id"),
            l => l.HasOne(typeof(Note)).WithMany().HasForeignKey("note_id"),
            j => j.ToTable("notes_tags_join", "main"));
    }
}
