using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Notes;

namespace Arc.Domain.Recalls;

/// <summary>
/// The rules of a vehicle's entry in a recall: which status may follow which, what each status needs (a service date,
/// a reason), and the notes written on the vehicle when its entry changes.
/// </summary>
public static class RecallVehicleRules
{
    /// <summary>The tag of the notes recall changes write on vehicles.</summary>
    public const string NoteTag = "recalls";

    /// <summary>How many VINs one query names at most, well below PostgreSQL's limit of parameters in a statement.</summary>
    public const int QueryChunk = 5000;

    /// <summary>
    /// Whether an entry may go from one status to another. Open goes anywhere. An unreachable vehicle may turn up again
    /// (open) or be remedied or inspected. An inspected vehicle may still be remedied, or reopened when the inspection was
    /// wrong. A remedied vehicle is reopened only to withdraw a wrong service record; it is never made unreachable or
    /// "inspected" afterwards, since the remedy was done. Staying in a status is an edit of its details.
    /// </summary>
    public static bool CanMove(RecallVehicleStatus from, RecallVehicleStatus to) => (from, to) switch
    {
        _ when from == to => true,
        (RecallVehicleStatus.Open, _) => true,
        (RecallVehicleStatus.Unreachable, _) => true,
        (RecallVehicleStatus.Inspected, RecallVehicleStatus.Open or RecallVehicleStatus.Remedied) => true,
        (RecallVehicleStatus.Remedied, RecallVehicleStatus.Open) => true,
        _ => false,
    };

    /// <summary>Checks the draft against the entry's current status and writes it; the caller audits and notes it.</summary>
    public static void Apply(RecallVehicleDraft draft, RecallVehicle entry, DateOnly today)
    {
        if (!Enum.IsDefined(draft.Status))
            throw new ValidationFailedException("status", "A vehicle in a recall is open, remedied, inspected or unreachable.");
        if (!CanMove(entry.Status, draft.Status))
            throw new ValidationFailedException("status",
                $"A {Describe(entry.Status)} vehicle cannot be marked {Describe(draft.Status)}; reopen it first if its record was wrong.");
        var reference = ServiceReference(draft.ServiceReference);
        DateOnly? date = null;
        UnreachableReason? reason = null;
        string? note = null;
        switch (draft.Status)
        {
            case RecallVehicleStatus.Remedied or RecallVehicleStatus.Inspected:
                date = ServiceDate(draft.ServiceDate, today);
                break;
            case RecallVehicleStatus.Unreachable:
                reason = draft.UnreachableReason is { } given && Enum.IsDefined(given)
                    ? given
                    : throw new ValidationFailedException("unreachableReason", "Say why the vehicle is unreachable: exported, stolen, scrapped, owner unknown or other.");
                note = Text(draft.ReasonNote, "reasonNote", "The reason", RecallVehicle.MaxReasonNoteLength);
                if (reason == UnreachableReason.Other && note is null)
                    throw new ValidationFailedException("reasonNote", "An unreachable vehicle for another reason needs that reason in words.");
                break;
        }
        entry.Status = draft.Status;
        entry.ServiceDate = date;
        entry.ServiceReference = draft.Status == RecallVehicleStatus.Open ? null : reference;
        entry.UnreachableReason = reason;
        entry.ReasonNote = note;
        if (draft.Status != RecallVehicleStatus.Remedied)
        {
            // The evidence of a remedy over the air belongs to the remedied status; a person moving the entry away drops it.
            entry.OtaComponent = null;
            entry.OtaHash = null;
            entry.OtaReportedAt = null;
            entry.OtaSource = null;
        }
    }

    /// <summary>A service date is given, and not after today (a day's grace for time zones ahead of the server's).</summary>
    /// <summary>
    /// A vehicle is remedied by the recall's remedy, so a recall without one cannot have vehicles marked remedied (its
    /// remedy panel says so); inspected, unreachable and open need no remedy.
    /// </summary>
    public static async Task RequireRemedyAsync(IArcData data, Recall recall, CancellationToken ct)
    {
        if (!await data.AnyAsync(data.RecallRemedies.Where(m => m.RecallId == recall.Id), ct))
            throw new ConflictException($"Recall {recall.NhtsaNumber} has no remedy yet; add its remedy before marking vehicles remedied.");
    }

    public static DateOnly ServiceDate(DateOnly? date, DateOnly today)
    {
        if (date is not { } value)
            throw new ValidationFailedException("serviceDate", "Give the date the vehicle was serviced or inspected.");
        if (value > today.AddDays(1))
            throw new ValidationFailedException("serviceDate", "The service date cannot be in the future.");
        if (value.Year < 1966)
            throw new ValidationFailedException("serviceDate", "The service date is before any recall could exist.");
        return value;
    }

    public static string? ServiceReference(string? text) =>
        Text(text, "serviceReference", "The service reference", RecallVehicle.MaxServiceReferenceLength);

    public static string Describe(RecallVehicleStatus status) => status switch
    {
        RecallVehicleStatus.Open => "open",
        RecallVehicleStatus.Remedied => "remedied",
        RecallVehicleStatus.Inspected => "inspected (no remedy needed)",
        RecallVehicleStatus.Unreachable => "unreachable",
        _ => status.ToString(),
    };

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static string AddedNote(Recall recall) => $"Vehicle added to recall {recall.NhtsaNumber} (recall id {Id(recall.Id)})";
    public static string RemovedNote(Recall recall) => $"Vehicle removed from recall {recall.NhtsaNumber} (recall id {Id(recall.Id)})";

    public static string ChangedNote(Recall recall, RecallVehicle entry)
    {
        var detail = entry.Status switch
        {
            RecallVehicleStatus.Remedied or RecallVehicleStatus.Inspected =>
                $" on {entry.ServiceDate:yyyy-MM-dd}{(entry.ServiceReference is null ? "" : $", reference {entry.ServiceReference}")}",
            RecallVehicleStatus.Unreachable => $": {entry.UnreachableReason}{(entry.ReasonNote is null ? "" : $" ({entry.ReasonNote})")}",
            _ => "",
        };
        return $"Recall {recall.NhtsaNumber} (recall id {Id(recall.Id)}) marked {Describe(entry.Status)}{detail}";
    }

    /// <summary>The "recalls" tag, found or made (and given its id now, so notes written in bulk can link to it).</summary>
    public static async Task<NoteTag> TagAsync(IArcData data, CancellationToken ct)
    {
        var tag = await data.FirstOrDefaultAsync(data.NoteTags.Where(t => t.TagName == NoteTag), ct);
        if (tag is not null)
            return tag;
        tag = new NoteTag { TagName = NoteTag };
        data.Add(tag);
        await data.AssignIdAsync(tag, ct);
        return tag;
    }

    /// <summary>A note by <paramref name="author"/> on each vehicle, tagged "recalls", written in bulk with the rest of the save.</summary>
    public static async Task AddNotesAsync(IArcData data, IReadOnlyCollection<string> vins, string author, string content, DateTimeOffset at,
        CancellationToken ct)
    {
        if (vins.Count == 0)
            return;
        var tag = await TagAsync(data, ct);
        data.AddMany(vins.Select(vin => new Note
        {
            ObjectType = NoteObjectTypes.Vehicle, ObjectId = vin, Author = author, Content = content, Created = at, System = true, Tags = [tag],
        }).ToList());
    }

    /// <summary>Runs a query over VINs a chunk at a time, so a list of 100,000 never becomes one statement's parameters.</summary>
    public static async Task<List<T>> InChunksAsync<T>(IReadOnlyList<string> vins, Func<List<string>, Task<List<T>>> query)
    {
        var all = new List<T>();
        foreach (var chunk in vins.Chunk(QueryChunk))
            all.AddRange(await query(chunk.ToList()));
        return all;
    }

    private static string? Text(string? text, string field, string label, int max)
    {
        var value = (text ?? "").Trim();
        if (value.Length == 0)
            return null;
        if (value.Length > max)
            throw new ValidationFailedException(field, $"{label} has at most {max} characters.");
        if (PlainText.HasHiddenCharacters(value))
            throw new ValidationFailedException(field, $"{label} cannot hold control characters or invisible formatting.");
        return value;
    }
}
