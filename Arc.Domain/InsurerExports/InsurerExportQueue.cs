using Arc.Domain.Audit;
using Arc.Domain.Changes;
using Arc.Domain.Common;
using Arc.Domain.Jobs;

namespace Arc.Domain.InsurerExports;

/// <summary>Finds or makes a month's one export row and queues its production unless it is already under way.</summary>
public sealed class InsurerExportQueue(IArcDataFactory dataFactory, PortalEnvironment environment, InsurerExportOptions options, IBackgroundJobs jobs,
    AuditTrail audit, IChangeFeed changes, TimeProvider time)
{
    public const string JobKind = "insurer-export";

    /// <summary>A run that has not finished after this long was interrupted (a restart) and may be started again.</summary>
    public static readonly TimeSpan StaleRun = TimeSpan.FromHours(1);

    public async Task<InsurerExport> QueueAsync(ExportMonth month, string actor, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var data = dataFactory.Open();
            var export = await data.FirstOrDefaultAsync(data.InsurerExports.Where(e => e.Year == month.Year && e.Month == month.Month), ct);
            var now = time.GetUtcNow();
            if (export is not null && export.Status is InsurerExportStatus.Queued or InsurerExportStatus.Running && export.Requested > now - StaleRun)
                return export;
            if (export is null)
            {
                export = new InsurerExport
                {
                    Year = month.Year, Month = month.Month, FileKey = month.FileKey(options.KeyPrefix, environment.Environment), RequestedBy = actor,
                };
                await data.AssignIdAsync(export, ct);
                data.Add(export);
            }
            export.Status = InsurerExportStatus.Queued;
            export.RequestedBy = actor;
            export.Requested = now;
            audit.Record(data, actor, InsurerExportAuditActions.Requested, InsurerExportAuditActions.Entity, export.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new { month = month.ToString(), key = export.FileKey });
            try
            {
                await data.SaveChangesAsync(ct);
            }
            catch (ConflictException) when (attempt == 0)
            {
                continue; // someone queued the same month at the same moment: their row is the month's row
            }
            jobs.Enqueue(JobKind, export.Id, actor == AuditTrail.SystemActor ? null : actor);
            changes.Publish(new Change(ChangeTopics.InsurerExport, ChangeTopics.AlarmAll));
            return export;
        }
    }
}
