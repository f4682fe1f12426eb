namespace Arc.Domain.Recalls;

/// <summary>Everything a recall's form sends; an edit replaces every field with the draft's.</summary>
public sealed record RecallDraft(
    string? Title,
    string? Description,
    string? NhtsaNumber,
    string? ManufacturerNumber = null,
    string? Country = null,
    bool SafetyRecall = false,
    string? SafetyDescription = null,
    string? Component = null,
    DateOnly? DeterminationDate = null,
    DateOnly? ReportSubmittedDate = null,
    DateOnly? OwnerNotificationDate = null,
    bool DoNotDrive = false,
    bool ParkOutside = false)
{
    public static RecallDraft Of(Recall r) => new(r.Title, r.Description, r.NhtsaNumber, r.ManufacturerNumber, r.Country, r.SafetyRecall,
        r.SafetyDescription, r.Component, r.DeterminationDate, r.ReportSubmittedDate, r.OwnerNotificationDate, r.DoNotDrive, r.ParkOutside);
}
