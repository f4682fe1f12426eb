using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Jobs;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Telemetry;

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
        var known = (await data.ListAsync(data.PointDefinitions.Select(p => p.Name).Distinct(), ct)).ToHashSet(StringComparer.Ordinal);
        var (samples, lines, problems) = BackfillFile.Read(content, vin, environment.Environment, time.GetUtcNow(), known);
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
        return BackfillView.Of(backfill);
    }
}
