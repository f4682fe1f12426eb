using System.IO.Compression;
using System.Text;
using Arc.Domain.Audit;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Jobs;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Provisioning;

public static class BulkJobStatus
{
    /// <summary>Checked and waiting for the operator to confirm; nothing has been provisioned.</summary>
    public const string Planned = "planned";
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Finished = "finished";
}

public static class BulkRowStatus
{
    /// <summary>Refused by the dry run; never provisioned.</summary>
    public const string Rejected = "rejected";
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

/// <summary>An uploaded bulk-provisioning file: its rows, checked, then provisioned one by one by a background job.</summary>
public class BulkProvisioningJob
{
    public long Id { get; set; }
    public required string FileName { get; set; }
    /// <summary>The uploader; the job runs with their permissions and only they may download the identity files.</summary>
    public required string Actor { get; set; }
    public DateTimeOffset Created { get; set; }
    public string Status { get; set; } = BulkJobStatus.Planned;
    public DateTimeOffset? Started { get; set; }
    public DateTimeOffset? Finished { get; set; }
    /// <summary>When the sealed identity files were deleted (downloaded and discarded, or expired).</summary>
    public DateTimeOffset? IdentitiesPurged { get; set; }
    public List<BulkProvisioningRow> Rows { get; set; } = [];
}

public class BulkProvisioningRow
{
    public long JobId { get; set; }
    public int Line { get; set; }
    /// <summary>The row as uploaded (shortened), for the report.</summary>
    public required string Text { get; set; }
    public string? Vin { get; set; }
    public int? ModelReleaseId { get; set; }
    public bool HeatedSeats { get; set; }
    public bool HeatedGrips { get; set; }
    public bool StereoEnabled { get; set; }
    public bool ManagedSessionMode { get; set; }
    public string Status { get; set; } = BulkRowStatus.Pending;
    public string? Problem { get; set; }
    public int Attempts { get; set; }
    /// <summary>The last provisioning run of this row (its steps are on the vehicle's provisioning record).</summary>
    public long? RunId { get; set; }
    public DateTimeOffset? Finished { get; set; }
    /// <summary>The identity file (with the device's private key), sealed by the key vault until the operator takes it.</summary>
    public string? IdentityKeyReference { get; set; }
    public byte[]? IdentityCiphertext { get; set; }
}

public sealed record BulkJobSummary(long Id, string FileName, string Actor, string ActorName, DateTimeOffset Created, string Status, int Total, int Rejected, int Pending,
    int Running, int Succeeded, int Failed, int IdentityFiles, DateTimeOffset? Started, DateTimeOffset? Finished, DateTimeOffset? IdentitiesPurged)
{
    public int Accepted => Total - Rejected;
    public int Done => Succeeded + Failed;
    public bool IsActive => Status is BulkJobStatus.Queued or BulkJobStatus.Running;
}

public sealed record BulkRowView(int Line, string Text, string? Vin, int? ModelReleaseId, string Options, string Status, string? Problem, int Attempts, long? RunId);

public sealed record BulkJobDetail(BulkJobSummary Job, Page<BulkRowView> Rows);

public sealed record BulkRowQuery(int PageIndex = 0, int PageSize = 50, string? Status = null);

public sealed record IdentityArchive(string FileName, byte[] Content, int Files);

/// <summary>The kinds of background work bulk provisioning queues.</summary>
public static class BulkJobKinds
{
    public const string Run = "bulk-provisioning";
    public const string PurgeIdentities = "bulk-identities-purge";
}

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

/// <summary>
/// The dry run: reads the uploaded CSV, checks every row (VIN, release, options, duplicates, already provisioned,
/// spreadsheet formulas) and stores the checked rows as a planned job. A file that cannot be read is refused whole and
/// nothing is stored; nothing is provisioned until the operator confirms.
/// </summary>
public sealed class PlanBulkProvisioning(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, AuditTrail audit,
    TimeProvider time) : IUseCase
{
    public const int MaxFileNameLength = 200;

    public async Task<BulkJobSummary> HandleAsync(string fileName, string text, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.VehicleProvision, ct);
        var name = CleanFileName(fileName);
        var rows = BulkProvisioningCsv.Read(text ?? "");
        await using var data = dataFactory.Open();
        var releases = await data.ListAsync(data.ModelReleases.Select(r => new { r.ModelReleaseId, Letter = r.Model == null ? null : r.Model.LetterCode }), ct);
        var candidates = rows.Select(r => r.Cells.GetValueOrDefault("vin") ?? "")
            .Select(v => Vin.TryParse(v, environment.Environment, out var vin, out _) ? vin!.Value : null).OfType<string>().ToList();
        var provisioned = (await data.ListAsync(data.Vehicles.Where(v => candidates.Contains(v.Vin)).Select(v => v.Vin), ct)).ToHashSet(StringComparer.Ordinal);
        var plan = BulkProvisioningCsv.Check(rows, environment.Environment, releases.ToDictionary(r => r.ModelReleaseId, r => r.Letter), provisioned);

        var job = new BulkProvisioningJob { FileName = name, Actor = username, Created = time.GetUtcNow() };
        foreach (var check in plan.Rows)
        {
            job.Rows.Add(new BulkProvisioningRow
            {
                Line = check.Line,
                Text = check.Text,
                Vin = check.Row?.Vin ?? check.Vin,
                ModelReleaseId = check.Row?.ModelReleaseId,
                HeatedSeats = check.Row?.Options.HeatedSeats ?? false,
                HeatedGrips = check.Row?.Options.HeatedGrips ?? false,
                StereoEnabled = check.Row?.Options.StereoEnabled ?? false,
                ManagedSessionMode = check.Row?.ManagedSessionMode ?? false,
                Status = check.Ok ? BulkRowStatus.Pending : BulkRowStatus.Rejected,
                Problem = check.Problem,
            });
        }
        await data.AssignIdAsync(job, ct);
        data.Add(job);
        audit.Record(data, username, AuditActions.BulkProvisioningPlanned, "bulk_provisioning", job.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { file = name, rows = plan.Rows.Count, accepted = plan.Accepted, rejected = plan.Rejected });
        await data.SaveChangesAsync(ct);
        return await BulkJobs.SummaryAsync(data, job.Id, ct);
    }

    private static string CleanFileName(string? fileName)
    {
        var name = new string((fileName ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        name = Path.GetFileName(name.Replace('\\', '/'));
        if (name.Length == 0)
            name = "upload.csv";
        return name.Length <= MaxFileNameLength ? name : name[..MaxFileNameLength];
    }
}

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

/// <summary>Recent bulk jobs, newest first.</summary>
public sealed class ListBulkProvisioningJobs(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<IReadOnlyList<BulkJobSummary>> HandleAsync(int take = 20, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.VehicleProvision, ct);
        if (take is < 1 or > Paging.MaxPageSize)
            throw new ValidationFailedException("take", $"Between 1 and {Paging.MaxPageSize} jobs can be listed.");
        await using var data = dataFactory.Open();
        var ids = await data.ListAsync(data.BulkProvisioningJobs.OrderByDescending(j => j.Id).Take(take).Select(j => j.Id), ct);
        var list = new List<BulkJobSummary>();
        foreach (var id in ids)
            list.Add(await BulkJobs.SummaryAsync(data, id, ct));
        return list;
    }
}

/// <summary>A job's progress and one page of its rows, optionally of one status.</summary>
public sealed class GetBulkProvisioningJob(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    private static readonly string[] Statuses =
        [BulkRowStatus.Rejected, BulkRowStatus.Pending, BulkRowStatus.Running, BulkRowStatus.Succeeded, BulkRowStatus.Failed];

    public async Task<BulkJobDetail> HandleAsync(long jobId, BulkRowQuery query, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.VehicleProvision, ct);
        var (index, size) = Paging.Normalize(query.PageIndex, query.PageSize);
        if (query.Status is not null && !Statuses.Contains(query.Status))
            throw new ValidationFailedException("status", $"Status must be one of {string.Join(", ", Statuses)}.");
        await using var data = dataFactory.Open();
        var summary = await BulkJobs.SummaryAsync(data, jobId, ct);
        var rows = data.BulkProvisioningRows.Where(r => r.JobId == jobId);
        if (query.Status is not null)
            rows = rows.Where(r => r.Status == query.Status);
        var total = await data.CountAsync(rows, ct);
        var page = await data.ListAsync(rows.OrderBy(r => r.Line).Skip(index * size).Take(size), ct);
        return new BulkJobDetail(summary, new Page<BulkRowView>(page.Select(View).ToList(), total, index, size));
    }

    private static BulkRowView View(BulkProvisioningRow r)
    {
        var options = new List<string>();
        if (r.HeatedSeats) options.Add("heated seats");
        if (r.HeatedGrips) options.Add("heated grips");
        if (r.StereoEnabled) options.Add("stereo");
        if (r.ManagedSessionMode) options.Add("managed sessions");
        return new BulkRowView(r.Line, r.Text, r.Vin, r.ModelReleaseId, string.Join(", ", options), r.Status, r.Problem, r.Attempts, r.RunId);
    }
}

/// <summary>
/// All identity files of a job as one zip archive, for its uploader only; every download is audited. The files stay
/// sealed in the database until the uploader discards them or they expire a day after the job finished.
/// </summary>
public sealed class DownloadBulkIdentities(IArcDataFactory dataFactory, ICurrentUser user, IKeyVault vault, AuditTrail audit) : IUseCase
{
    public async Task<IdentityArchive> HandleAsync(long jobId, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.VehicleProvision, ct);
        await using var data = dataFactory.Open();
        var job = await BulkJobs.OwnJobAsync(data, jobId, username, ct);
        var rows = await data.ListAsync(data.BulkProvisioningRows
            .Where(r => r.JobId == jobId && r.IdentityCiphertext != null).OrderBy(r => r.Line), ct);
        if (rows.Count == 0)
            throw new ConflictException(job.IdentitiesPurged is null
                ? "No vehicle of this job has been provisioned yet."
                : "The identity files of this job have been deleted.");
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var row in rows)
            {
                var plain = await vault.UnsealAsync(new SealedSecret(row.IdentityKeyReference!, row.IdentityCiphertext!), SealContext.BulkIdentity(row.JobId, row.Line), ct);
                var entry = zip.CreateEntry($"{row.Vin}.json", CompressionLevel.Optimal);
                await using var stream = entry.Open();
                await stream.WriteAsync(plain, ct);
                Array.Clear(plain);
            }
        }
        audit.Record(data, username, AuditActions.BulkProvisioningIdentitiesDownloaded, "bulk_provisioning",
            jobId.ToString(System.Globalization.CultureInfo.InvariantCulture), new { files = rows.Count });
        await data.SaveChangesAsync(ct);
        return new IdentityArchive($"identities-bulk-{jobId}.zip", buffer.ToArray(), rows.Count);
    }
}

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

/// <summary>
/// The background job: provisions the pending rows one by one through the same saga as the provision page, acting for
/// the uploader. Each row's outcome is saved before the next starts, so a job interrupted by a restart resumes with
/// the row it was on (re-provisioning it if the interrupted run had already created the vehicle).
/// </summary>
public sealed class RunBulkProvisioning(IArcDataFactory dataFactory, ProvisionVehicle provision, IKeyVault vault, AuditTrail audit, TimeProvider time)
    : IBackgroundJob
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

        while (await NextAsync(subjectId, ct) is { } line)
            await RunRowAsync(subjectId, line, ct);

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

    private async Task<int?> NextAsync(long jobId, CancellationToken ct)
    {
        await using var data = dataFactory.Open();
        var next = await data.ListAsync(data.BulkProvisioningRows
            .Where(r => r.JobId == jobId && (r.Status == BulkRowStatus.Pending || r.Status == BulkRowStatus.Running))
            .OrderBy(r => r.Line).Select(r => r.Line).Take(1), ct);
        return next.Count == 0 ? null : next[0];
    }

    private async Task RunRowAsync(long jobId, int line, CancellationToken ct)
    {
        BulkProvisioningRow row;
        bool interrupted, exists;
        await using (var data = dataFactory.Open())
        {
            row = (await data.FirstOrDefaultAsync(data.BulkProvisioningRows.Where(r => r.JobId == jobId && r.Line == line), ct))!;
            interrupted = row.Status == BulkRowStatus.Running;
            exists = await data.AnyAsync(data.Vehicles.Where(v => v.Vin == row.Vin), ct);
            row.Status = BulkRowStatus.Running;
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
                var result = await provision.HandleAsync(request, ct);
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
            if (identity is not null)
            {
                stored.IdentityKeyReference = identity.KeyReference;
                stored.IdentityCiphertext = identity.Ciphertext;
            }
            // A job can only be cancelled by the server stopping; the row then stays "running" and is resumed.
            await data.SaveChangesAsync(CancellationToken.None);
        }
    }
}
