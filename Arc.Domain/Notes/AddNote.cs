using Arc.Domain.Audit;
using Arc.Domain.Common;

namespace Arc.Domain.Notes;

public sealed record AddNoteCommand(string Kind, string SubjectId, string? Content, IReadOnlyList<string>? Tags = null);

/// <summary>
/// Adds a person's note to a vehicle, authority, user, fleet or recall: anyone who may see the thing may note on it
/// (as VEHICLE_NOTES_CREATE needs only vehicles.vehicle.read). The note and its audit event are saved together.
/// </summary>
public sealed class AddNote(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task<NoteView> HandleAsync(AddNoteCommand command, CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        var content = NoteRules.Content(command.Content);
        var tagNames = NoteRules.Tags(command.Tags);

        await using var data = dataFactory.Open();
        var subject = await NoteSubjects.RequireReadAsync(data, user, username, environment, command.Kind, command.SubjectId, ct);

        var existing = await data.ListAsync(data.NoteTags.Where(t => tagNames.Contains(t.TagName)), ct);
        var tags = tagNames.Select(name => existing.FirstOrDefault(t => t.TagName == name) ?? new NoteTag { TagName = name }).ToList();
        var note = new Note
        {
            ObjectType = subject.Kind,
            ObjectId = subject.Id,
            Author = username,
            Content = content,
            Created = time.GetUtcNow(),
            Tags = tags,
        };
        data.Add(note);
        await data.AssignIdAsync(note, ct);
        audit.Record(data, username, AuditActions.NoteCreated, subject.Kind, subject.Id,
            new { note = note.NoteId, tags = tagNames, length = content.Length, preview = Preview(content) });
        await data.SaveChangesAsync(ct);
        var permissions = await user.GetPermissionsAsync(ct);
        return new NoteView(note.NoteId, note.Created, username, null, content, tagNames.Order(StringComparer.Ordinal).ToList(),
            false, NoteRules.CanDelete(note, username, permissions));
    }

    internal static string Preview(string content) => content.Length > 80 ? content[..80] : content;
}
