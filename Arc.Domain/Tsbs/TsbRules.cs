using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Notes;
using Arc.Domain.Recalls;

namespace Arc.Domain.Tsbs;

/// <summary>
/// Checks a <see cref="TsbDraft"/> and writes it onto a bulletin, with the messages the form shows under each field;
/// checks what it refers to (models, a recall, its number's uniqueness) and writes the system note of a change.
/// </summary>
public static class TsbRules
{
    public const int MaxModels = 50;
    public const string NoteTag = "tsbs";

    /// <summary>Checks every field first and writes only when all pass, so a refused draft leaves the bulletin as it was.</summary>
    public static void Apply(TsbDraft draft, Tsb tsb, DateOnly today)
    {
        var number = TsbNumber.Parse(draft.Number);
        var title = Text(draft.Title, "title", "The title", Tsb.MaxTitleLength) ?? throw new ValidationFailedException("title", "A bulletin needs a title.");
        var summary = Text(draft.Summary, "summary", "The summary", Tsb.MaxSummaryLength)
            ?? throw new ValidationFailedException("summary", "A bulletin needs a summary: the condition and what the technician does.");
        var models = (draft.ModelIds ?? []).Distinct().Order().ToList();
        if (models.Count == 0)
            throw new ValidationFailedException("modelIds", "A bulletin names at least one model it applies to.");
        if (models.Count > MaxModels || models.Any(m => m <= 0))
            throw new ValidationFailedException("modelIds", "Choose the models from the model catalogue.");
        var years = TsbModelYears.Parse(draft.ModelYears, today.Year);
        var issued = draft.IssueDate ?? throw new ValidationFailedException("issueDate", "A bulletin needs its issue date.");
        if (issued > today)
            throw new ValidationFailedException("issueDate", "The issue date cannot lie in the future.");
        if (draft.DealerDate is { } sent && (sent < issued || sent > today))
            throw new ValidationFailedException("dealerDate", "The date sent to dealers lies between the issue date and today.");
        if (!Enum.IsDefined(draft.CommunicationType))
            throw new ValidationFailedException("communicationType", "Choose the kind of communication.");
        var component = Text(draft.Component, "component", "The component", Tsb.MaxComponentLength);
        var reference = TsbNhtsaReference.Parse(draft.NhtsaReference);

        tsb.Number = number;
        tsb.Title = title;
        tsb.Summary = summary;
        tsb.Component = component;
        tsb.ModelIds = models;
        tsb.ModelYears = years.ToList();
        tsb.IssueDate = issued;
        tsb.CommunicationType = draft.CommunicationType;
        tsb.DealerDate = draft.DealerDate;
        tsb.NhtsaReference = reference;
        tsb.RecallId = draft.RecallId;
    }

    /// <summary>Refuses a draft whose models or recall do not exist, or whose number another bulletin not deleted holds.</summary>
    public static async Task CheckReferencesAsync(IArcData data, Tsb tsb, CancellationToken ct)
    {
        var known = await data.CountAsync(data.VehicleModels.Where(m => tsb.ModelIds.Contains(m.Id)), ct);
        if (known != tsb.ModelIds.Count)
            throw new ValidationFailedException("modelIds", "A chosen model is not in the model catalogue; choose again.");
        if (tsb.RecallId is { } recallId && !await data.AnyAsync(data.Recalls.Where(r => r.Id == recallId && r.Status == RecallStatus.Active), ct))
            throw new ValidationFailedException("recallId", "The linked recall does not exist or is deleted; choose another or none.");
        if (await data.AnyAsync(data.Tsbs.Where(t => t.Id != tsb.Id && t.Number == tsb.Number && t.Status == TsbStatus.Active), ct))
            throw new ValidationFailedException(TsbNumber.Field, $"A bulletin numbered {tsb.Number} exists already.");
    }

    public static async Task<Tsb> FindAsync(IArcData data, int id, CancellationToken ct) =>
        await data.FirstOrDefaultAsync(data.Tsbs.Where(t => t.Id == id && t.Status == TsbStatus.Active), ct)
        ?? throw new NotFoundException("Bulletin", Id(id));

    /// <summary>A system note on the bulletin, tagged "tsbs", saved with the change it records.</summary>
    public static async Task AddNoteAsync(IArcData data, int tsbId, string author, string content, DateTimeOffset at, CancellationToken ct)
    {
        var tag = await data.FirstOrDefaultAsync(data.NoteTags.Where(t => t.TagName == NoteTag), ct) ?? new NoteTag { TagName = NoteTag };
        data.Add(new Note { ObjectType = NoteObjectTypes.Tsb, ObjectId = Id(tsbId), Author = author, Content = content, Created = at, System = true, Tags = [tag] });
    }

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static string? Text(string? text, string field, string label, int max)
    {
        var value = (text ?? "").Trim().Replace("\r\n", "\n", StringComparison.Ordinal);
        if (value.Length == 0)
            return null;
        if (value.Length > max)
            throw new ValidationFailedException(field, $"{label} has at most {max.ToString("N0", CultureInfo.InvariantCulture)} characters.");
        if (PlainText.HasHiddenCharacters(value.Replace('\n', ' ').Replace('\t', ' ')))
            throw new ValidationFailedException(field, $"{label} holds control or hidden characters; remove them.");
        return value;
    }
}
