using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Provisioning;

/// <summary>Deletes a job's sealed identity files once the uploader has them.</summary>
public sealed class DiscardBulkIdentities(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task<int> HandleAsync(long jobId, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.VehicleProvision, ct);
        await using var data = dataFactory.Open();
        var job = await BulkJobs.OwnJobAsync(data, jobId, username, ct);
        if (job.Status is BulkJobStatus.Queued or BulkJobStatus.Running)
            throw new ConflictException("The job is still running; discard its identity files when it has finished.");
        var count = await BulkIdentityPurge.PurgeAsync(data, job, time.GetUtcNow(), ct);
        audit.Record(data, username, AuditActions.BulkProvisioningIdentitiesDiscarded, "bulk_provisioning",
            jobId.ToString(System.Globalization.CultureInfo.InvariantCulture), new { files = count });
        await data.SaveChangesAsync(ct);
        return count;
    }
}
