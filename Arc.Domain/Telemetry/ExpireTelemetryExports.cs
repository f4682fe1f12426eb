using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Jobs;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Telemetry;

/// <summary>
/// Removes the files of exports finished longer ago than <see cref="TelemetryExportOptions.Retention"/> (run hourly).
/// The export stays in the list, marked expired, so its requester sees what became of it.
/// </summary>
public sealed class ExpireTelemetryExports(IArcDataFactory dataFactory, TelemetryExportOptions options, AuditTrail audit, TimeProvider time) : IBackgroundJob
{
    public const string JobKind = "telemetry-exports-expire";

    public string Kind => JobKind;

    public async Task RunAsync(long subjectId, CancellationToken ct)
    {
        var cutoff = time.GetUtcNow() - options.Retention;
        List<long> due;
        await using (var data = dataFactory.Open())
        {
            due = await data.ListAsync(data.TelemetryExports.Where(e => e.Status == BackfillStatus.Done && e.Finished < cutoff)
                .OrderBy(e => e.Id).Select(e => e.Id), ct);
        }
        // One at a time: each file can be large, and each expiry commits with its audit event.
        foreach (var id in due)
        {
            await using var data = dataFactory.Open();
            var export = await data.FirstOrDefaultAsync(data.TelemetryExports.Where(e => e.Id == id && e.Status == BackfillStatus.Done), ct);
            if (export is null)
                continue;
            export.Status = BackfillStatus.Expired;
            export.Content = null;
            audit.Record(data, AuditTrail.SystemActor, AuditActions.TelemetryExportExpired, AuditEntityTypes.Vehicle, export.Vin,
                new { export = export.Id, finished = export.Finished, retention = options.Retention.ToString() });
            await data.SaveChangesAsync(ct);
        }
    }
}
