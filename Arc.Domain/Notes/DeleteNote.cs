using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;

namespace Arc.Domain.Notes;

/// <summary>
/// Deletes a person's note: its author may, or anyone holding <c>notes.note.delete</c>, and only while they may see
/// the thing it is about. System notes are never deleted. The deletion and its audit event are saved together.
/// </summary>
public sealed class DeleteNote(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, AuditTrail audit) : IUseCase
{
    public async Task HandleAsync(int noteId, CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        var id = noteId.ToString(CultureInfo.InvariantCulture);
        await using var data = dataFactory.Open();
        var note = await data.FirstOrDefaultAsync(data.Notes.Where(n => n.NoteId == noteId), ct) ?? throw new NotFoundException("Note", id);
        var subject = await NoteSubjects.RequireReadAsync(data, user, username, environment, note.ObjectType, note.ObjectId, ct);
        if (!NoteRules.CanDelete(note, username, await user.GetPermissionsAsync(ct)))
            throw await user.RefuseAsync(username, note.System ? "system notes are kept" : "author of the note or notes.note.delete",
                NoteRules.WhyNotDeletable(note), AuditEntityTypes.Note, id, ct);

        var tags = await data.ListAsync(data.Notes.Where(n => n.NoteId == noteId).SelectMany(n => n.Tags.Select(t => t.TagName)), ct);
        data.Remove(note);
        audit.Record(data, username, AuditActions.NoteDeleted, subject.Kind, subject.Id,
            new { note = note.NoteId, author = note.Author, created = note.Created, tags, preview = AddNote.Preview(note.Content) });
        await data.SaveChangesAsync(ct);
    }
}
