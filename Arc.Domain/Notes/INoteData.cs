using Arc.Domain.Common;

namespace Arc.Domain.Notes;

/// <summary>The tables of notes and their tags, read as <c>data.Notes</c> on any <see cref="IArcData"/>.</summary>
public interface INoteData : IEntitySets
{
    IQueryable<Note> Notes => Set<Note>();
    IQueryable<NoteTag> NoteTags => Set<NoteTag>();
}
