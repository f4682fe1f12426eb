using Arc.Domain.Common;

namespace Arc.Domain.Recalls;

/// <summary>
/// A recall's quarterly completion report (49 CFR 573.7): its counts as of the quarter's last day, stored when generated.
/// Until it is signed off it may be generated again; once signed off it is frozen.
/// </summary>
public class RecallQuarterReport : IVersioned
{
    public int Id { get; set; }
    public int RecallId { get; set; }
    public int Year { get; set; }
    public int Quarter { get; set; }
    public DateOnly AsOf { get; set; }
    public int Involved { get; set; }
    public int Remedied { get; set; }
    public int Inspected { get; set; }
    public int Open { get; set; }
    public int Exported { get; set; }
    public int Stolen { get; set; }
    public int Scrapped { get; set; }
    public int OwnerUnknown { get; set; }
    public int OtherReason { get; set; }
    public int Removed { get; set; }
    public DateTimeOffset GeneratedAt { get; set; }
    public required string GeneratedBy { get; set; }
    public DateTimeOffset? SignedOffAt { get; set; }
    public string? SignedOffBy { get; set; }
    public uint Version { get; set; }

    public RecallCompletionCounts Counts =>
        new(Involved, Remedied, Inspected, Open, Exported, Stolen, Scrapped, OwnerUnknown, OtherReason, Removed);

    public void Write(RecallCompletionCounts c)
    {
        (Involved, Remedied, Inspected, Open, Removed) = (c.Involved, c.Remedied, c.Inspected, c.Open, c.Removed);
        (Exported, Stolen, Scrapped, OwnerUnknown, OtherReason) = (c.Exported, c.Stolen, c.Scrapped, c.OwnerUnknown, c.OtherReason);
    }
}

/// <summary>A quarterly report as the page lists it.</summary>
public sealed record RecallQuarterReportView(int Year, int Quarter, DateOnly AsOf, RecallCompletionCounts Counts, DateTimeOffset GeneratedAt,
    string GeneratedBy, DateTimeOffset? SignedOffAt, string? SignedOffBy, uint Version)
{
    public string Name => RecallQuarter.Name(Year, Quarter);

    public static RecallQuarterReportView Of(RecallQuarterReport r) =>
        new(r.Year, r.Quarter, r.AsOf, r.Counts, r.GeneratedAt, r.GeneratedBy, r.SignedOffAt, r.SignedOffBy, r.Version);
}

/// <summary>Calendar quarters: their last day, their name, and which ones a report may be made for.</summary>
public static class RecallQuarter
{
    public static string Name(int year, int quarter) => $"{year} Q{quarter}";

    public static DateOnly End(int year, int quarter) => new DateOnly(year, quarter * 3, 1).AddMonths(1).AddDays(-1);

    /// <summary>A quarter of a real year that has ended (its counts are as of its last day); answers that day.</summary>
    public static DateOnly Check(int year, int quarter, DateOnly today)
    {
        if (quarter is < 1 or > 4)
            throw new ValidationFailedException("quarter", "A quarter is 1, 2, 3 or 4.");
        if (year < 1966 || year > today.Year)
            throw new ValidationFailedException("year", year > today.Year ? "That quarter is in the future." : "No recall reports exist before 1966.");
        var end = End(year, quarter);
        if (end >= today)
            throw new ValidationFailedException("quarter", $"{Name(year, quarter)} has not ended yet; its report counts vehicles as of its last day, {end:yyyy-MM-dd}.");
        return end;
    }

    /// <summary>The last quarter that has ended before <paramref name="today"/>.</summary>
    public static (int Year, int Quarter) Previous(DateOnly today)
    {
        var quarter = (today.Month - 1) / 3;
        return quarter == 0 ? (today.Year - 1, 4) : (today.Year, quarter);
    }
}

/// <summary>Stable audit action codes of the quarterly reports.</summary>
public static class RecallReportAuditActions
{
    public const string Generated = "recall.report_generated";
    public const string SignedOff = "recall.report_signed_off";
}
