using System.Globalization;
using Arc.Domain.Common;

namespace Arc.Domain.Recalls;

/// <summary>
/// Checks a <see cref="RecallDraft"/> and writes it onto a recall, with the messages the form shows under each field;
/// and bumps the recall data's "last updated" time, which every change of a recall or remedy does.
/// </summary>
public static class RecallRules
{
    public static void Apply(RecallDraft draft, Recall recall, int currentYear)
    {
        var title = Required(draft.Title, "title", "A recall needs a title.", "The title", Recall.MaxTitleLength);
        var description = Required(draft.Description, "description", "A recall needs a description.", "The description", Recall.MaxDescriptionLength);
        var nhtsa = NhtsaCampaignNumber.Parse(draft.NhtsaNumber, currentYear);
        var safety = Optional(draft.SafetyDescription, "safetyDescription", "The safety description", Recall.MaxDescriptionLength);
        if (draft.SafetyRecall && safety is null)
            throw new ValidationFailedException("safetyDescription", "A safety recall needs its safety description: the risk to the driver and others.");
        if (draft is { DeterminationDate: { } determined, ReportSubmittedDate: { } reported } && reported < determined)
            throw new ValidationFailedException("reportSubmittedDate", "The 573 report cannot be submitted before the defect was determined.");

        recall.Title = title;
        recall.Description = description;
        recall.NhtsaNumber = nhtsa;
        recall.ManufacturerNumber = Optional(draft.ManufacturerNumber, "manufacturerNumber", "The manufacturer's number", Recall.MaxManufacturerNumberLength);
        recall.Country = Country(draft.Country);
        recall.SafetyRecall = draft.SafetyRecall;
        recall.SafetyDescription = draft.SafetyRecall ? safety : null;
        recall.Component = Optional(draft.Component, "component", "The component", Recall.MaxComponentLength);
        recall.DeterminationDate = draft.DeterminationDate;
        recall.ReportSubmittedDate = draft.ReportSubmittedDate;
        recall.OwnerNotificationDate = draft.OwnerNotificationDate;
        recall.DoNotDrive = draft.DoNotDrive;
        recall.ParkOutside = draft.ParkOutside;
    }

    /// <summary>A current ISO 3166-1 alpha-3 code, kept upper case; empty means USA.</summary>
    public static string Country(string? code)
    {
        var value = (code ?? "").Trim().ToUpperInvariant();
        if (value.Length == 0)
            return "USA";
        if (value.Length != 3 || !value.All(char.IsAsciiLetterUpper))
            throw new ValidationFailedException("country", "A country is its three-letter ISO code, such as USA or CAN.");
        if (!Locations.Countries.IsKnownAlpha3(value))
            throw new ValidationFailedException("country", $"'{value}' is not a country's three-letter ISO code; use one such as USA or CAN.");
        return value;
    }

    public static string RemedyDescription(string? text) =>
        Required(text, "description", "A remedy needs a description.", "The remedy's description", RecallRemedy.MaxDescriptionLength);

    public static RemedyType RemedyTypeOf(RemedyType type) =>
        Enum.IsDefined(type) ? type : throw new ValidationFailedException("type", "A remedy is over the air, a dealer repair, or both.");

    /// <summary>Adds a "last updated" stamp to the unit of work, saved with the change (the old <c>recall_set_updated</c>).</summary>
    public static void Touch(IArcData data, TimeProvider time) => data.Add(new RecallDataUpdate { UpdatedAt = time.GetUtcNow() });

    public static async Task<Recall> FindAsync(IArcData data, int id, CancellationToken ct) =>
        await data.FirstOrDefaultAsync(data.Recalls.Where(r => r.Id == id && r.Status == RecallStatus.Active), ct)
        ?? throw new NotFoundException("Recall", id.ToString(CultureInfo.InvariantCulture));

    private static string Required(string? text, string field, string missing, string label, int max) =>
        Optional(text, field, label, max) ?? throw new ValidationFailedException(field, missing);

    private static string? Optional(string? text, string field, string label, int max)
    {
        var value = (text ?? "").Trim();
        if (value.Length == 0)
            return null;
        if (value.Length > max)
            throw new ValidationFailedException(field, $"{label} has at most {max.ToString("N0", CultureInfo.InvariantCulture)} characters.");
        if (value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            throw new ValidationFailedException(field, $"{label} holds control characters; remove them.");
        return value;
    }
}
