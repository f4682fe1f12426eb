using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Recalls;

/// <summary>
/// Makes a recall's quarterly completion report (permission recalls.recall.edit): the counts as of the quarter's last
/// day, stored. A quarter not yet ended is refused; one generated before is counted again, unless it was signed off, when
/// it is frozen and generating it again is refused.
/// </summary>
public sealed class GenerateRecallQuarterReport(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task<RecallQuarterReportView> HandleAsync(int recallId, int year, int quarter, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.RecallEdit, ct);
        var asOf = RecallQuarter.Check(year, quarter, RecallReports.Today(time));
        await using var data = dataFactory.Open();
        var recall = await RecallRules.FindAsync(data, recallId, ct);
        await data.LockAsync(recall, ct);
        var report = await RecallReports.FindAsync(data, recall.Id, year, quarter, ct);
        if (report?.SignedOffAt is { } signed)
            throw new ValidationFailedException("quarter",
                $"The report of {RecallQuarter.Name(year, quarter)} was signed off by {report.SignedOffBy} on {signed:yyyy-MM-dd}; it is frozen and cannot be generated again.");
        if (report is null)
        {
            report = new RecallQuarterReport { RecallId = recall.Id, Year = year, Quarter = quarter, AsOf = asOf, GeneratedBy = actor };
            data.Add(report);
        }
        var counts = RecallCompletion.Count(await RecallReports.StepsAsync(data, recall.Id, asOf, ct), asOf);
        report.Write(counts);
        report.GeneratedAt = time.GetUtcNow();
        report.GeneratedBy = actor;
        audit.Record(data, actor, RecallReportAuditActions.Generated, RecallAuditActions.RecallEntity, recall.Id.ToString(CultureInfo.InvariantCulture),
            new { recall.NhtsaNumber, quarter = RecallQuarter.Name(year, quarter), asOf, counts, counts.CompletionPercent });
        await data.SaveChangesAsync(ct);
        return RecallQuarterReportView.Of(report);
    }
}
