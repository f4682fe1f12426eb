using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Tsbs;

namespace Arc.Portal.Components.Tsbs;

/// <summary>
/// What a bulletin's form holds while it is filled in; <see cref="CreateTsb"/> and <see cref="EditTsb"/> check it again
/// on the server. Dates are the <c>yyyy-MM-dd</c> text a browser's date field gives.
/// </summary>
public sealed class TsbModel
{
    public string? Number { get; set; }
    public string? Title { get; set; }
    public string? Summary { get; set; }
    public string? Component { get; set; }
    public IReadOnlyCollection<int> ModelIds { get; set; } = [];
    public string? ModelYears { get; set; }
    public string? IssueDate { get; set; }
    public TsbCommunicationType CommunicationType { get; set; } = TsbCommunicationType.ServiceBulletin;
    public string? DealerDate { get; set; }
    public string? NhtsaReference { get; set; }
    public int? RecallId { get; set; }

    /// <summary>The fields the form shows a message under (the keys the use cases refuse with).</summary>
    public static readonly string[] Fields =
    [
        TsbNumber.Field, "title", "summary", "component", "modelIds", TsbModelYears.Field, "issueDate", "communicationType", "dealerDate",
        TsbNhtsaReference.Field, "recallId",
    ];

    public TsbDraft ToDraft() => new(Number, Title, Summary, ModelIds.ToList(), ModelYears, Date(IssueDate, "issueDate"), Component, CommunicationType,
        Date(DealerDate, "dealerDate"), NhtsaReference, RecallId);

    public static TsbModel From(Tsb t) => new()
    {
        Number = t.Number, Title = t.Title, Summary = t.Summary, Component = t.Component, ModelIds = t.ModelIds.ToList(),
        ModelYears = TsbModelYears.Format(t.ModelYears), IssueDate = Text(t.IssueDate), CommunicationType = t.CommunicationType,
        DealerDate = Text(t.DealerDate), NhtsaReference = t.NhtsaReference, RecallId = t.RecallId,
    };

    public static string? Text(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // A browser's date field sends yyyy-MM-dd or nothing; anything else is refused on its field.
    private static DateOnly? Date(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ValidationFailedException(field, "A date is written as year-month-day, such as 2023-11-20.");
    }
}

/// <summary>How the pages name a bulletin's kind of communication and a file's size.</summary>
public static class TsbText
{
    public static readonly IReadOnlyList<TsbCommunicationType> Types =
        [TsbCommunicationType.ServiceBulletin, TsbCommunicationType.ServiceCampaign, TsbCommunicationType.CustomerSatisfaction, TsbCommunicationType.WarrantyExtension];

    public static string Label(TsbCommunicationType type) => type switch
    {
        TsbCommunicationType.ServiceBulletin => "Technical service bulletin",
        TsbCommunicationType.ServiceCampaign => "Service campaign",
        TsbCommunicationType.CustomerSatisfaction => "Customer satisfaction program",
        TsbCommunicationType.WarrantyExtension => "Warranty extension",
        _ => type.ToString(),
    };

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / 1024.0 / 1024.0:0.#} MB",
    };
}
