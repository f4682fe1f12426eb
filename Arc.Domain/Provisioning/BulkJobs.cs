using Arc.Domain.Common;

namespace Arc.Domain.Provisioning;

/// <summary>What the bulk provisioning use cases share: a job's summary, and a job the caller may act on.</summary>
internal static class BulkJobs
{
    public static readonly TimeSpan KeepIdentitiesFor = TimeSpan.FromHours(24);

    public static async Task<BulkJobSummary> SummaryAsync(IArcData data, long jobId, CancellationToken ct)
    {
        var job = await data.FirstOrDefaultAsync(data.BulkProvisioningJobs.Where(j => j.Id == jobId), ct)
            ?? throw new NotFoundException("Bulk provisioning job", jobId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var counts = await data.ListAsync(data.BulkProvisioningRows.Where(r => r.JobId == jobId)
            .GroupBy(r => r.Status).Select(g => new { Status = g.Key, Count = g.Count() }), ct);
        var identities = await data.CountAsync(data.BulkProvisioningRows.Where(r => r.JobId == jobId && r.IdentityCiphertext != null), ct);
        int Count(string status) => counts.Where(c => c.Status == status).Sum(c => c.Count);
        var actorName = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == job.Actor).Select(u => u.DisplayName ?? u.Email), ct) ?? job.Actor;
        return new BulkJobSummary(job.Id, job.FileName, job.Actor, actorName, job.Created, job.Status, counts.Sum(c => c.Count), Count(BulkRowStatus.Rejected),
            Count(BulkRowStatus.Pending), Count(BulkRowStatus.Running), Count(BulkRowStatus.Succeeded), Count(BulkRowStatus.Failed), identities,
            job.Started, job.Finished, job.IdentitiesPurged);
    }

    /// <summary>Every model release, newest first, as a bulk file names it.</summary>
    public static Task<List<BulkRelease>> ReleasesAsync(IArcData data, CancellationToken ct) =>
        data.ListAsync(data.ModelReleases.OrderByDescending(r => r.Created).ThenByDescending(r => r.ModelReleaseId)
            .Select(r => new BulkRelease(r.ModelReleaseId, r.Description, r.Model == null ? null : r.Model.ModelName, r.Model == null ? null : r.Model.LetterCode)), ct);

    public static async Task<BulkProvisioningJob> OwnJobAsync(IArcData data, long jobId, string username, CancellationToken ct)
    {
        var job = await data.FirstOrDefaultAsync(data.BulkProvisioningJobs.Where(j => j.Id == jobId), ct)
            ?? throw new NotFoundException("Bulk provisioning job", jobId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (job.Actor != username)
        {
            var name = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == job.Actor).Select(u => u.DisplayName ?? u.Email), ct) ?? job.Actor;
            throw new ConflictException($"Only {name}, who uploaded this file, can run it or take its identity files.");
        }
        return job;
    }
}
