using System.Text.RegularExpressions;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Notes;

public sealed record AddVehicleNoteCommand(string Vin, string? Content, IReadOnlyList<string>? Tags = null);

/// <summary>
/// Adds a note to a vehicle (ability VEHICLE_NOTES_CREATE: anyone who may read the vehicle). The note and its
/// audit event are saved together.
/// </summary>
public sealed partial class AddVehicleNote(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment,
    AuditTrail audit, TimeProvider time) : IUseCase
{
    public const int MaxTagLength = 30;

    public async Task<NoteView> HandleAsync(AddVehicleNoteCommand command, CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        var vin = Vin.Parse(command.Vin, environment.Environment);
        var content = (command.Content ?? "").Trim();
        if (content.Length == 0)
            throw new ValidationFailedException("content", "A note needs some text.");
        if (content.Length > Note.MaxContentLength)
            throw new ValidationFailedException("content", $"A note holds at most {Note.MaxContentLength} characters; this one has {content.Length}.");
        var tagNames = NormalizeTags(command.Tags);

        await using var data = dataFactory.Open();
        await VehicleAccess.RequireReadAsync(data, user, username, vin.Value, ct);
        if (!await data.AnyAsync(data.Vehicles.Where(v => v.Vin == vin.Value), ct))
            throw new NotFoundException("Vehicle", vin.Value);

        var existing = await data.ListAsync(data.NoteTags.Where(t => tagNames.Contains(t.TagName)), ct);
        var tags = tagNames.Select(name => existing.FirstOrDefault(t => t.TagName == name) ?? new NoteTag { TagName = name }).ToList();
        var note = new Note
        {
            ObjectType = NoteObjectTypes.Vehicle,
            ObjectId = vin.Value,
            Author = username,
            Content = content,
            Created = time.GetUtcNow(),
            Tags = tags,
        };
        data.Add(note);
        audit.Record(data, username, AuditActions.NoteCreated, AuditEntityTypes.Vehicle, vin.Value,
            new { tags = tagNames, length = content.Length, preview = content.Length > 80 ? content[..80] : content });
        await data.SaveChangesAsync(ct);
        return new NoteView(note.NoteId, note.Created, username, null, content, tagNames);
    }

    private static List<string> NormalizeTags(IReadOnlyList<string>? tags)
    {
        var names = (tags ?? []).Select(t => (t ?? "").Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList();
        if (names.Count > Note.MaxTags)
            throw new ValidationFailedException("tags", $"A note has at most {Note.MaxTags} tags.");
        foreach (var name in names)
        {
            if (name.Length > MaxTagLength || !TagPattern().IsMatch(name))
                throw new ValidationFailedException("tags", $"Tags are short words of letters, digits, '-' or '_' (at most {MaxTagLength}).");
        }
        return names;
    }

    [GeneratedRegex("^[a-z0-9_-]+$")]
    private static partial Regex TagPattern();
}
