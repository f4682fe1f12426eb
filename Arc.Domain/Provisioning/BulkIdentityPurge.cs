using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Jobs;

namespace Arc.Domain.Provisioning;

/// <summary>Deletes the identity files of jobs that finished more than a day ago (run hourly).</summary>
public sealed class BulkIdentityPurge(IArcDataFactory dataFactory, AuditTrail audit, TimeProvider time) : IBackgroundJob
{
    public string Kind => BulkJobKinds.PurgeIdentities;

    public async Task RunAsync(long subjectId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var cutoff = now - BulkJobs.KeepIdentitiesFor;
        await using var data = dataFactory.Open();
        var jobs = await data.ListAsync(data.BulkProvisioningJobs.Where(j => j.Status == BulkJobStatus.Finished && j.Finished < cutoff
            && j.IdentitiesPurged == null), ct);
        foreach (var job in jobs)
        {
            var count = await PurgeAsync(data, job, now, ct);
            audit.Record(data, AuditTrail.SystemActor, AuditActions.BulkProvisioningIdentitiesDiscarded, "bulk_provisioning",
                job.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new { files = count, expired = true });
        }
        await data.SaveChangesAsync(ct);
    }

    internal static async Task<int> PurgeAsync(IArcData data, BulkProvisioningJob job, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await data.ListAsync(data.BulkProvisioningRows.Where(r => r.JobId == job.Id && r.IdentityCiphertext != null), ct);
        foreach (var row in rows)
        {
            row.IdentityCiphertext = null;
            row.IdentityKeyReference = null;
        }
        job.IdentitiesPurged = now;
        return rows.Count;
    }
}
