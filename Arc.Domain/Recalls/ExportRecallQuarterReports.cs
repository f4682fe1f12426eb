using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Recalls;

/// <summary>
/// A recall's quarterly reports as CSV (permission recalls.vehicle.read), one line per quarter, oldest first, in the
/// order of a 573.7 report's counts, through the shared CSV writer; with the file name to save it under.
/// </summary>
public sealed class ExportRecallQuarterReports(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public static readonly string[] Header =
    [
        "campaign", "quarter", "as_of", "involved", "remedied", "inspected_no_remedy_needed", "unreachable_exported", "unreachable_stolen",
        "unreachable_scrapped", "unreachable_owner_unknown", "unreachable_other", "removed", "open", "completion_percent", "generated_at",
        "signed_off_by", "signed_off_at",
    ];

    public async Task<(string FileName, string Csv)> HandleAsync(int recallId, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.RecallVehicleRead, ct);
        await using var data = dataFactory.Open();
        var number = await data.FirstOrDefaultAsync(data.Recalls.Where(r => r.Id == recallId).Select(r => r.NhtsaNumber), ct)
            ?? throw new NotFoundException("Recall", recallId.ToString(CultureInfo.InvariantCulture));
        var reports = await data.ListAsync(data.RecallQuarterReports.Where(r => r.RecallId == recallId).OrderBy(r => r.Year).ThenBy(r => r.Quarter), ct);
        var rows = reports.Select(r => (IReadOnlyList<string?>)
        [
            number, RecallQuarter.Name(r.Year, r.Quarter), D(r.AsOf), N(r.Involved), N(r.Remedied), N(r.Inspected), N(r.Exported), N(r.Stolen),
            N(r.Scrapped), N(r.OwnerUnknown), N(r.OtherReason), N(r.Removed), N(r.Open),
            r.Counts.CompletionPercent?.ToString("0.0", CultureInfo.InvariantCulture), T(r.GeneratedAt), r.SignedOffBy, r.SignedOffAt is { } s ? T(s) : null,
        ]);
        return ($"recall-{number}-quarterly-reports.csv", Csv.Write(Header, rows));
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string T(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
