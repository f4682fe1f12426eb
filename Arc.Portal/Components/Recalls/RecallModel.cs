using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Recalls;

namespace Arc.Portal.Components.Recalls;

/// <summary>
/// What a recall's form holds while it is filled in; <see cref="CreateRecall"/> and <see cref="EditRecall"/> check it
/// again on the server. Dates are the <c>yyyy-MM-dd</c> text a browser's date field gives.
/// </summary>
public sealed class RecallModel
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? NhtsaNumber { get; set; }
    public string? ManufacturerNumber { get; set; }
    public string? Country { get; set; } = "USA";
    public bool SafetyRecall { get; set; } = true;
    public string? SafetyDescription { get; set; }
    public string? Component { get; set; }
    public string? DeterminationDate { get; set; }
    public string? ReportSubmittedDate { get; set; }
    public string? OwnerNotificationDate { get; set; }
    public bool DoNotDrive { get; set; }
    public bool ParkOutside { get; set; }

    /// <summary>The fields the form shows a message under (the keys the use cases refuse with).</summary>
    public static readonly string[] Fields =
    [
        "title", "description", NhtsaCampaignNumber.Field, "manufacturerNumber", "country", "safetyDescription", "component",
        "determinationDate", "reportSubmittedDate", "ownerNotificationDate",
    ];

    public RecallDraft ToDraft() => new(Title, Description, NhtsaNumber, ManufacturerNumber, Country, SafetyRecall, SafetyDescription, Component,
        Date(DeterminationDate, "determinationDate"), Date(ReportSubmittedDate, "reportSubmittedDate"), Date(OwnerNotificationDate, "ownerNotificationDate"),
        DoNotDrive, ParkOutside);

    public static RecallModel From(Recall r) => new()
    {
        Title = r.Title, Description = r.Description, NhtsaNumber = r.NhtsaNumber, ManufacturerNumber = r.ManufacturerNumber, Country = r.Country,
        SafetyRecall = r.SafetyRecall, SafetyDescription = r.SafetyDescription, Component = r.Component, DeterminationDate = Text(r.DeterminationDate),
        ReportSubmittedDate = Text(r.ReportSubmittedDate), OwnerNotificationDate = Text(r.OwnerNotificationDate), DoNotDrive = r.DoNotDrive,
        ParkOutside = r.ParkOutside,
    };

    public static string? Text(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // A browser's date field sends yyyy-MM-dd or nothing; anything else (typed by hand where the field is plain text) is refused on its field.
    private static DateOnly? Date(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ValidationFailedException(field, "A date is written as year-month-day, such as 2023-11-20.");
    }
}

/// <summary>How the pages name a remedy's type.</summary>
public static class RemedyTypes
{
    public static readonly IReadOnlyList<RemedyType> All = [RemedyType.OverTheAir, RemedyType.DealerRepair, RemedyType.Both];

    public static string Label(RemedyType type) => type switch
    {
        RemedyType.OverTheAir => "Over the air",
        RemedyType.DealerRepair => "Dealer repair",
        RemedyType.Both => "Over the air and dealer repair",
        _ => type.ToString(),
    };
}
