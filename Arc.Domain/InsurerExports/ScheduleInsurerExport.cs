using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Jobs;

namespace Arc.Domain.InsurerExports;

/// <summary>
/// The recurring run (daily): makes sure last month's export exists and is produced. Once it is done the run does
/// nothing more for that month; a failed or interrupted one is produced again, so an outage delays the export and
/// loses none.
/// </summary>
public sealed class ScheduleInsurerExport(IArcDataFactory dataFactory, InsurerExportQueue queue, TimeProvider time) : IBackgroundJob
{
    public const string JobKind = "insurer-export-monthly";

    public string Kind => JobKind;

    public async Task RunAsync(long subjectId, CancellationToken ct)
    {
        var month = ExportMonth.Previous(time.GetUtcNow());
        await using (var data = dataFactory.Open())
        {
            if (await data.AnyAsync(data.InsurerExports.Where(e => e.Year == month.Year && e.Month == month.Month && e.Status == InsurerExportStatus.Done), ct))
                return;
        }
        await queue.QueueAsync(month, AuditTrail.SystemActor, ct);
    }
}
