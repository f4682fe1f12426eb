using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Recalls;

namespace Arc.Portal.Components.Recalls;

/// <summary>How the pages name a vehicle's status in a recall and the reasons it may be unreachable, and how they read a date field.</summary>
public static class RecallVehicleText
{
    public static readonly IReadOnlyList<RecallVehicleStatus> Statuses =
        [RecallVehicleStatus.Open, RecallVehicleStatus.Remedied, RecallVehicleStatus.Inspected, RecallVehicleStatus.Unreachable];

    public static readonly IReadOnlyList<UnreachableReason> Reasons =
        [UnreachableReason.Exported, UnreachableReason.Stolen, UnreachableReason.Scrapped, UnreachableReason.OwnerUnknown, UnreachableReason.Other];

    public static string Label(RecallVehicleStatus status) => status switch
    {
        RecallVehicleStatus.Open => "Open",
        RecallVehicleStatus.Remedied => "Remedied",
        RecallVehicleStatus.Inspected => "Inspected, no remedy needed",
        RecallVehicleStatus.Unreachable => "Unreachable",
        _ => status.ToString(),
    };

    public static string Label(UnreachableReason reason) => reason switch
    {
        UnreachableReason.OwnerUnknown => "Owner unknown",
        _ => reason.ToString(),
    };

    public static MudBlazor.Color Colour(RecallVehicleStatus status) => status switch
    {
        RecallVehicleStatus.Open => MudBlazor.Color.Warning,
        RecallVehicleStatus.Remedied => MudBlazor.Color.Success,
        RecallVehicleStatus.Inspected => MudBlazor.Color.Info,
        _ => MudBlazor.Color.Default,
    };

    /// <summary>Why an unreachable vehicle is, in words; empty for other statuses.</summary>
    public static string? Reason(RecallVehicleView v) => v.UnreachableReason is { } r
        ? Label(r) + (v.ReasonNote is null ? "" : $": {v.ReasonNote}")
        : null;

    public static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The <c>yyyy-MM-dd</c> text of a browser's date field; anything else is refused on <paramref name="field"/>.</summary>
    public static DateOnly? ParseDate(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ValidationFailedException(field, "A date is written as year-month-day, such as 2024-03-05.");
    }

    public static string Vehicles(int count) => count == 1 ? "1 vehicle" : $"{count.ToString("N0", CultureInfo.InvariantCulture)} vehicles";
}
