using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Jobs;
using Arc.Domain.Permissions;

namespace Arc.Domain.Provisioning;

/// <summary>Confirms a planned job: its accepted rows are queued for the background job, which survives the browser closing.</summary>
public sealed class StartBulkProvisioning(IArcDataFactory dataFactory, ICurrentUser user, IBackgroundJobs jobs, AuditTrail audit) : IUseCase
{
    public async Task HandleAsync(long jobId, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.VehicleProvision, ct);
        await using var data = dataFactory.Open();
        var job = await BulkJobs.OwnJobAsync(data, jobId, username, ct);
        if (job.Status != BulkJobStatus.Planned)
            throw new ConflictException("This file has already been confirmed.");
        if (!await data.AnyAsync(data.BulkProvisioningRows.Where(r => r.JobId == jobId && r.Status == BulkRowStatus.Pending), ct))
            throw new ValidationFailedException("file", "No row of this file passed the checks, so there is nothing to provision.");
        job.Status = BulkJobStatus.Queued;
        audit.Record(data, username, AuditActions.BulkProvisioningStarted, "bulk_provisioning", jobId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { file = job.FileName });
        await data.SaveChangesAsync(ct);
        jobs.Enqueue(BulkJobKinds.Run, jobId, username);
    }
}
