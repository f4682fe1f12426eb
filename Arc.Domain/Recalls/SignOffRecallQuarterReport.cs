using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Recalls;

/// <summary>
/// Signs off a recall's quarterly report (permission recalls.report.signoff), which freezes it: the counts the signer saw
/// (<paramref name="version"/>, the report's version on their page) are the ones kept; a report generated again since is
/// refused, and so is signing a report twice.
/// </summary>
public sealed class SignOffRecallQuarterReport(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task<RecallQuarterReportView> HandleAsync(int recallId, int year, int quarter, uint? version = null, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.RecallReportSignOff, ct);
        await using var data = dataFactory.Open();
        var recall = await RecallRules.FindAsync(data, recallId, ct);
        var name = RecallQuarter.Name(year, quarter);
        var report = await RecallReports.FindAsync(data, recall.Id, year, quarter, ct)
            ?? throw new NotFoundException($"Quarterly report of recall {recall.NhtsaNumber}", name);
        if (report.SignedOffAt is { } signed)
            throw new ValidationFailedException("quarter", $"The report of {name} was signed off by {report.SignedOffBy} on {signed:yyyy-MM-dd} already.");
        data.ExpectVersion(report, version, $"The report of {name}");
        report.SignedOffAt = time.GetUtcNow();
        report.SignedOffBy = actor;
        audit.Record(data, actor, RecallReportAuditActions.SignedOff, RecallAuditActions.RecallEntity, recall.Id.ToString(CultureInfo.InvariantCulture),
            new { recall.NhtsaNumber, quarter = name, report.AsOf, counts = report.Counts, report.Counts.CompletionPercent });
        await data.SaveChangesAsync(ct);
        return RecallQuarterReportView.Of(report);
    }
}
