using System.Text;
using Arc.Domain.Audit;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Jobs;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Provisioning;

/// <summary>
/// The background job: provisions the pending rows one by one through the same saga as the provision page, acting for
/// the uploader. Each row's outcome is saved before the next starts, so a job interrupted by a restart resumes with
/// the row it was on (re-provisioning it if the interrupted run had already created the vehicle).
/// </summary>
public sealed class RunBulkProvisioning(IArcDataFactory dataFactory, ProvisionVehicle provision, IKeyVault vault, AuditTrail audit, TimeProvider time,
    Sagas.SagaOptions leases) : IBackgroundJob
{
    public string Kind => BulkJobKinds.Run;

    public async Task RunAsync(long subjectId, CancellationToken ct)
    {
        string actor;
        await using (var data = dataFactory.Open())
        {
            var job = await data.FirstOrDefaultAsync(data.BulkProvisioningJobs.Where(j => j.Id == subjectId), ct);
            if (job is null || job.Status is BulkJobStatus.Planned or BulkJobStatus.Finished)
                return;
            actor = job.Actor;
            if (job.Status != BulkJobStatus.Running)
            {
                job.Status = BulkJobStatus.Running;
                job.Started ??= time.GetUtcNow();
                try
                {
                    await data.SaveChangesAsync(ct);
                }
                catch (ConflictException)
                {
                    // Another worker started the job at the same moment; the rows are shared out one by one below.
                }
            }
        }

        while (await NextAsync(subjectId, ct) is var (line, claimedUntil) && (line is not null || claimedUntil is not null))
        {
            if (line is not null)
                await RunRowAsync(subjectId, line.Value, ct);
            else
                // Only rows another worker holds are left: wait for it to finish them, or for its claim to lapse.
                await Task.Delay(Clamp(claimedUntil!.Value - time.GetUtcNow()), time, ct);
        }

        await using (var data = dataFactory.Open())
        {
            var job = await data.FirstOrDefaultAsync(data.BulkProvisioningJobs.Where(j => j.Id == subjectId), ct);
            // Of two workers that ran the job, the first to get here ends it; the other has nothing left to do.
            if (job!.Status == BulkJobStatus.Finished)
                return;
            job.Status = BulkJobStatus.Finished;
            job.Finished = time.GetUtcNow();
            var summary = await BulkJobs.SummaryAsync(data, subjectId, ct);
            audit.Record(data, actor, AuditActions.BulkProvisioningFinished, "bulk_provisioning",
                subjectId.ToString(System.Globalization.CultureInfo.InvariantCulture), new { succeeded = summary.Succeeded, failed = summary.Failed });
            try
            {
                await data.SaveChangesAsync(ct);
            }
            catch (ConflictException)
            {
                // The other worker ended the job (and audited it) first.
            }
        }
    }

    /// <summary>The next row this worker may take, or else when the earliest row another worker holds is released.</summary>
    private async Task<(int? Line, DateTimeOffset? ClaimedUntil)> NextAsync(long jobId, CancellationToken ct)
    {
        await using var data = dataFactory.Open();
        var open = await data.ListAsync(data.BulkProvisioningRows
            .Where(r => r.JobId == jobId && (r.Status == BulkRowStatus.Pending || r.Status == BulkRowStatus.Running))
            .OrderBy(r => r.Line).Select(r => new { r.Line, r.ClaimedUntil }).Take(100), ct);
        var now = time.GetUtcNow();
        var free = open.FirstOrDefault(r => r.ClaimedUntil is null || r.ClaimedUntil < now);
        return free is not null ? (free.Line, null) : (null, open.Min(r => r.ClaimedUntil));
    }

    private TimeSpan Clamp(TimeSpan wait) =>
        wait < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : wait > leases.Lease ? leases.Lease : wait;

    private async Task RunRowAsync(long jobId, int line, CancellationToken ct)
    {
        BulkProvisioningRow row;
        bool interrupted, exists;
        await using (var data = dataFactory.Open())
        {
            row = (await data.FirstOrDefaultAsync(data.BulkProvisioningRows.Where(r => r.JobId == jobId && r.Line == line), ct))!;
            if (row.ClaimedUntil > time.GetUtcNow() || row.Status is not (BulkRowStatus.Pending or BulkRowStatus.Running))
                return;
            interrupted = row.Status == BulkRowStatus.Running;
            exists = await data.AnyAsync(data.Vehicles.Where(v => v.Vin == row.Vin), ct);
            row.Status = BulkRowStatus.Running;
            row.ClaimedUntil = time.GetUtcNow() + leases.Lease;
            row.Attempts++;
            try
            {
                await data.SaveChangesAsync(ct);
            }
            catch (ConflictException)
            {
                // Another worker took the row first; it is that worker's now.
                return;
            }
        }

        string status;
        string? problem = null;
        long? runId = row.RunId;
        SealedSecret? identity = null;
        if (exists && !interrupted)
        {
            status = BulkRowStatus.Failed;
            problem = $"{row.Vin} was provisioned by someone else after the dry run; re-provision it from its own page.";
        }
        else
        {
            try
            {
                var request = new ProvisionRequest(row.Vin!, row.ModelReleaseId!.Value, new VehicleOptions(row.HeatedSeats, row.HeatedGrips, row.StereoEnabled),
                    row.ManagedSessionMode, PreservePin: interrupted && exists);
                ProvisionResult result;
                using (var renewal = new CancellationTokenSource())
                {
                    var renewing = RenewClaimAsync(jobId, line, renewal.Token);
                    try
                    {
                        result = await provision.HandleAsync(request, ct);
                    }
                    finally
                    {
                        await renewal.CancelAsync();
                        await renewing;
                    }
                }
                runId = result.RunId;
                if (result.Succeeded)
                {
                    status = BulkRowStatus.Succeeded;
                    identity = await vault.SealAsync(Encoding.UTF8.GetBytes(result.IdentityFile!), SealContext.BulkIdentity(jobId, line), ct: ct);
                }
                else
                {
                    status = BulkRowStatus.Failed;
                    problem = result.Error;
                }
            }
            catch (ConflictException) when (interrupted)
            {
                // A resumed row whose VIN another worker is provisioning right now: that worker records the outcome.
                await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
                return;
            }
            catch (DomainException e)
            {
                status = BulkRowStatus.Failed;
                problem = e.Message;
            }
        }

        await using (var data = dataFactory.Open())
        {
            var stored = (await data.FirstOrDefaultAsync(data.BulkProvisioningRows.Where(r => r.JobId == jobId && r.Line == line), ct))!;
            stored.Status = status;
            stored.Problem = problem;
            stored.RunId = runId;
            stored.Finished = time.GetUtcNow();
            stored.ClaimedUntil = null;
            if (identity is not null)
            {
                stored.IdentityKeyReference = identity.KeyReference;
                stored.IdentityCiphertext = identity.Ciphertext;
            }
            // A job can only be cancelled by the server stopping; the row then stays "running" and is resumed.
            await data.SaveChangesAsync(CancellationToken.None);
        }
    }

    /// <summary>Keeps the row's claim alive while its provisioning runs, so no other worker takes it for interrupted.</summary>
    private async Task RenewClaimAsync(long jobId, int line, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(leases.Lease / 3, time, ct);
                await using var data = dataFactory.Open();
                var row = await data.FirstOrDefaultAsync(data.BulkProvisioningRows.Where(r => r.JobId == jobId && r.Line == line), ct);
                if (row is null)
                    return;
                row.ClaimedUntil = time.GetUtcNow() + leases.Lease;
                await data.SaveChangesAsync(ct);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ConflictException)
        {
            // The row moved on (its outcome was saved): nothing left to hold.
        }
    }
}
