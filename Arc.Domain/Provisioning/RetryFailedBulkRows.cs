using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Jobs;
using Arc.Domain.Permissions;

namespace Arc.Domain.Provisioning;

/// <summary>Queues the failed rows of a finished job again.</summary>
public sealed class RetryFailedBulkRows(IArcDataFactory dataFactory, ICurrentUser user, IBackgroundJobs jobs, AuditTrail audit) : IUseCase
{
    public async Task<int> HandleAsync(long jobId, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.VehicleProvision, ct);
        await using var data = dataFactory.Open();
        var job = await BulkJobs.OwnJobAsync(data, jobId, username, ct);
        if (job.Status != BulkJobStatus.Finished)
            throw new ConflictException("The job is still running; retry its failed rows when it has finished.");
        var failed = await data.ListAsync(data.BulkProvisioningRows.Where(r => r.JobId == jobId && r.Status == BulkRowStatus.Failed), ct);
        if (failed.Count == 0)
            throw new ConflictException("No row of this job has failed.");
        foreach (var row in failed)
            row.Status = BulkRowStatus.Pending;
        job.Status = BulkJobStatus.Queued;
        job.Finished = null;
        audit.Record(data, username, AuditActions.BulkProvisioningRetried, "bulk_provisioning", jobId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { rows = failed.Count });
        await data.SaveChangesAsync(ct);
        jobs.Enqueue(BulkJobKinds.Run, jobId, username);
        return failed.Count;
    }
}
