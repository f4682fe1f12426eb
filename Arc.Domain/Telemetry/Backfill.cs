using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Email;
using Arc.Domain.Jobs;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Telemetry;

public static class BackfillStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
    /// <summary>Exports only: the file was removed after the retention period; the record of the export stays.</summary>
    public const string Expired = "expired";
}

/// <summary>An uploaded backfill file (spec/backend.md §6.7), kept until its job has written it.</summary>
public class TelemetryBackfill
{
    public long Id { get; set; }
    public required string Vin { get; set; }
    public required string FileName { get; set; }
    public required string Actor { get; set; }
    public DateTimeOffset Created { get; set; }
    public DateTimeOffset? Finished { get; set; }
    public string Status { get; set; } = BackfillStatus.Queued;
    public int Lines { get; set; }
    public int Samples { get; set; }
    public int Written { get; set; }
    public string? Error { get; set; }
    /// <summary>The file itself, removed once written.</summary>
    public byte[]? Content { get; set; }
}

public sealed record BackfillView(long Id, string FileName, DateTimeOffset Created, string Status, int Lines, int Samples, int Written, string? Error, DateTimeOffset? Finished);

/// <summary>Reads a backfill file: one JSON object per line, each a telemetry data item with its timestamp.</summary>
public static class BackfillFile
{
    public const int MaxBytes = 20 * 1024 * 1024;
    public const int MaxReportedProblems = 20;
    /// <summary>Raw data lives 30 days; older lines would be dropped by the database at once.</summary>
    public static readonly TimeSpan OldestAccepted = TimeSpan.FromDays(30);

    /// <summary>All samples of the file, or every problem with its line number (at most 20) and none of the samples.</summary>
    public static (IReadOnlyList<TelemetrySample> Samples, int Lines, IReadOnlyList<string> Problems) Read(byte[] content, string vin,
        DeploymentEnvironment environment, DateTimeOffset now)
    {
        var problems = new List<string>();
        var samples = new List<TelemetrySample>();
        var text = Encoding.UTF8.GetString(content);
        var lines = text.Split('\n');
        var counted = 0;
        for (var i = 0; i < lines.Length && problems.Count < MaxReportedProblems; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
                continue;
            counted++;
            try
            {
                if (JsonNode.Parse(line) is not JsonObject item)
                    throw new ValidationFailedException("line", "it is not a JSON object.");
                var record = new JsonObject { ["vin"] = vin, ["data"] = new JsonArray(item) };
                foreach (var sample in IngestTransform.Transform(record, environment, envPrefix: false))
                {
                    if (sample.Time > now.AddMinutes(5))
                        throw new ValidationFailedException("timestamp", $"{sample.Time:yyyy-MM-dd HH:mm:ss} is in the future.");
                    if (sample.Time < now - OldestAccepted)
                        throw new ValidationFailedException("timestamp", $"{sample.Time:yyyy-MM-dd HH:mm:ss} is older than 30 days, which raw telemetry keeps.");
                    samples.Add(sample);
                }
            }
            catch (JsonException)
            {
                problems.Add($"Line {i + 1}: not valid JSON.");
            }
            catch (ValidationFailedException e)
            {
                problems.Add($"Line {i + 1}: {e.Message.TrimEnd('.')}.");
            }
        }
        if (counted == 0 && problems.Count == 0)
            problems.Add("The file has no lines.");
        return problems.Count > 0 ? ([], counted, problems) : (samples, counted, problems);
    }
}

/// <summary>
/// Accepts a backfill file for a vehicle (telemetry.backfill.engineering): checks every line first, and refuses the
/// whole file with the line numbers of its problems, so nothing of a bad file is written. A good file is written by a
/// background job, which emails the uploader when it is done.
/// </summary>
public sealed class StartTelemetryBackfill(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, IBackgroundJobs jobs, AuditTrail audit,
    TimeProvider time, IRateLimits limits) : IUseCase
{
    public const string JobKind = "telemetry-backfill";

    public async Task<BackfillView> HandleAsync(string vinText, string fileName, byte[] content, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.TelemetryBackfill, ct);
        await limits.RequireAsync(username, RateLimitedOperations.TelemetryBackfills, ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        if (content.Length > BackfillFile.MaxBytes)
            throw new ValidationFailedException("file", $"A backfill file holds at most {BackfillFile.MaxBytes / 1024 / 1024} MB.");
        await using var data = dataFactory.Open();
        if (!await data.AnyAsync(data.Vehicles.Where(v => v.Vin == vin), ct))
            throw new NotFoundException("Vehicle", vin);
        var (samples, lines, problems) = BackfillFile.Read(content, vin, environment.Environment, time.GetUtcNow());
        if (problems.Count > 0)
            throw new ValidationFailedException("file", "The file was not accepted; nothing was written. " + string.Join(" ", problems));
        var name = new string((fileName ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        name = Path.GetFileName(name.Replace('\\', '/'));
        var backfill = new TelemetryBackfill
        {
            Vin = vin, FileName = name.Length == 0 ? "backfill.ndjson" : name[..Math.Min(200, name.Length)], Actor = username, Created = time.GetUtcNow(),
            Lines = lines, Samples = samples.Count, Content = content,
        };
        await data.AssignIdAsync(backfill, ct);
        data.Add(backfill);
        audit.Record(data, username, AuditActions.TelemetryBackfillStarted, AuditEntityTypes.Vehicle, vin,
            new { backfill = backfill.Id, file = backfill.FileName, lines, samples = samples.Count });
        await data.SaveChangesAsync(ct);
        jobs.Enqueue(JobKind, backfill.Id, username);
        return View(backfill);
    }

    /// <summary>The vehicle's recent backfills, newest first.</summary>
    public async Task<IReadOnlyList<BackfillView>> ListAsync(string vinText, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.TelemetryBackfill, ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        await using var data = dataFactory.Open();
        return (await data.ListAsync(data.TelemetryBackfills.Where(b => b.Vin == vin).OrderByDescending(b => b.Id).Take(10), ct)).Select(View).ToList();
    }

    internal static BackfillView View(TelemetryBackfill b) => new(b.Id, b.FileName, b.Created, b.Status, b.Lines, b.Samples, b.Written, b.Error, b.Finished);
}

/// <summary>Writes a backfill in batches with its progress, aggregates the range into the 30-minute series, and emails the uploader.</summary>
public sealed class RunTelemetryBackfill(IArcDataFactory dataFactory, ITelemetryStore store, EmailOutbox outbox, PortalEnvironment environment,
    UserSafeErrors errors, TimeProvider time) : IBackgroundJob
{
    public const int BatchSize = 5000;

    public string Kind => StartTelemetryBackfill.JobKind;

    public async Task RunAsync(long subjectId, CancellationToken ct)
    {
        TelemetryBackfill backfill;
        await using (var data = dataFactory.Open())
        {
            backfill = await data.FirstOrDefaultAsync(data.TelemetryBackfills.Where(b => b.Id == subjectId), ct) ?? throw new NotFoundException("Backfill", subjectId.ToString(CultureInfo.InvariantCulture));
            if (backfill.Status is BackfillStatus.Done or BackfillStatus.Failed || backfill.Content is null)
                return;
            backfill.Status = BackfillStatus.Running;
            await data.SaveChangesAsync(ct);
        }
        string? error = null;
        try
        {
            // Read again against today's clock: a file queued for long may have lines that are now too old.
            var (samples, _, problems) = BackfillFile.Read(backfill.Content, backfill.Vin, environment.Environment, time.GetUtcNow());
            if (problems.Count > 0)
                throw new ValidationFailedException("file", string.Join(" ", problems));
            for (var offset = 0; offset < samples.Count; offset += BatchSize)
            {
                await store.WriteAsync(samples.Skip(offset).Take(BatchSize).ToList(), ct);
                await ProgressAsync(subjectId, Math.Min(samples.Count, offset + BatchSize), ct);
            }
            if (samples.Count > 0)
                await store.DownsampleAsync(samples.Min(s => s.Time), samples.Max(s => s.Time), ct);
        }
        catch (Exception e) when (e is DomainException or InvalidOperationException or HttpRequestException)
        {
            // Shown on the page and sent in the email: the file's problems as they are, anything else as a plain sentence with a reference.
            error = errors.Describe(e, "The backfill could not be written to the telemetry store.");
        }
        await using (var data = dataFactory.Open())
        {
            var stored = (await data.FirstOrDefaultAsync(data.TelemetryBackfills.Where(b => b.Id == subjectId), ct))!;
            stored.Status = error is null ? BackfillStatus.Done : BackfillStatus.Failed;
            stored.Error = error is null ? null : error[..Math.Min(1000, error.Length)];
            stored.Finished = time.GetUtcNow();
            stored.Content = null;
            var email = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == stored.Actor).Select(u => u.Email), ct);
            if (email is not null)
            {
                await outbox.QueueAsync(data, email, error is null ? EmailTemplates.BackfillComplete : EmailTemplates.BackfillFailed,
                    new { vin = stored.Vin, file = stored.FileName, vehicleUrl = environment.Link($"vehicles/{stored.Vin}?tab=telemetry"), reason = error ?? "" }, ct: ct);
            }
            await data.SaveChangesAsync(CancellationToken.None);
        }
        outbox.Deliver();
    }

    private async Task ProgressAsync(long id, int written, CancellationToken ct)
    {
        await using var data = dataFactory.Open();
        var backfill = (await data.FirstOrDefaultAsync(data.TelemetryBackfills.Where(b => b.Id == id), ct))!;
        backfill.Written = written;
        await data.SaveChangesAsync(ct);
    }
}
