using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Jobs;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Telemetry;

/// <summary>A raw-data export of a vehicle's points over a range, made in the background (it can be millions of rows).</summary>
public class TelemetryExport
{
    public long Id { get; set; }
    public required string Vin { get; set; }
    /// <summary>The points, comma-separated.</summary>
    public required string Points { get; set; }
    public DateTimeOffset From { get; set; }
    public DateTimeOffset To { get; set; }
    public required string Actor { get; set; }
    public DateTimeOffset Created { get; set; }
    public DateTimeOffset? Finished { get; set; }
    public string Status { get; set; } = BackfillStatus.Queued;
    public int Rows { get; set; }
    public string? Error { get; set; }
    /// <summary>The CSV, gzip-compressed, until it expires (<see cref="TelemetryExportOptions.Retention"/> after it was made).</summary>
    public byte[]? Content { get; set; }
}

/// <summary><c>Telemetry:Exports</c>: how long a finished export's file is kept before <see cref="ExpireTelemetryExports"/> removes it.</summary>
public sealed class TelemetryExportOptions
{
    public const string Section = "Telemetry:Exports";

    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00", ErrorMessage = "Telemetry:Exports:Retention must be between 01:00:00 and 365.00:00:00.")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}

public sealed record ExportView(long Id, string Points, DateTimeOffset From, DateTimeOffset To, string Status, int Rows, bool Ready, string? Error);

public sealed record ExportFile(string FileName, byte[] GzipContent);

/// <summary>
/// Raw exports (vehicles.vehicle.read): queue one for up to 30 days of raw data, see them, download the CSV (gzip) of
/// one's own. The rows are the raw points as stored, one line per time with one column per point. A vehicle that does
/// not record GPS exports no position points.
/// </summary>
public sealed class TelemetryExports(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, IBackgroundJobs jobs, AuditTrail audit,
    TimeProvider time, IRateLimits limits) : IUseCase
{
    public const string JobKind = "telemetry-export";
    public const int MaxPoints = 20;

    public async Task<ExportView> HandleAsync(string vinText, IReadOnlyList<string> points, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        var (username, vin) = await ReadableAsync(vinText, ct);
        await limits.RequireAsync(username, RateLimitedOperations.TelemetryExports, ct);
        var range = TelemetryRange.Create(from, to, time.GetUtcNow());
        if (range.Length > BackfillFile.OldestAccepted)
            throw new ValidationFailedException("range", "A raw export covers at most 30 days, which raw telemetry keeps.");
        if (points.Count is 0 or > MaxPoints)
            throw new ValidationFailedException("points", $"Choose between 1 and {MaxPoints} points.");
        var parsed = points.Select(p => TelemetryPoint.Parse(p).Name).Distinct().ToList();
        await using var data = dataFactory.Open();
        if (!await data.AnyAsync(data.Vehicles.Where(v => v.Vin == vin), ct))
            throw new NotFoundException("Vehicle", vin);
        if (parsed.Any(GpsPrivacy.Covers) && !await GpsPrivacy.RecordsGpsAsync(data, vin, ct))
            throw new ValidationFailedException("points", "This vehicle does not record its position, so no GPS point can be exported.");
        var export = new TelemetryExport
        {
            Vin = vin, Points = string.Join(',', parsed), From = range.From, To = range.To, Actor = username, Created = time.GetUtcNow(),
        };
        await data.AssignIdAsync(export, ct);
        data.Add(export);
        audit.Record(data, username, AuditActions.TelemetryExportRequested, AuditEntityTypes.Vehicle, vin,
            new { export = export.Id, points = parsed, from = range.From, to = range.To });
        await data.SaveChangesAsync(ct);
        jobs.Enqueue(JobKind, export.Id, username);
        return View(export);
    }

    public async Task<IReadOnlyList<ExportView>> ListAsync(string vinText, CancellationToken ct = default)
    {
        var (username, vin) = await ReadableAsync(vinText, ct);
        await using var data = dataFactory.Open();
        return (await data.ListAsync(data.TelemetryExports.Where(e => e.Vin == vin && e.Actor == username).OrderByDescending(e => e.Id).Take(10), ct))
            .Select(View).ToList();
    }

    /// <summary>The finished export's file, for the user who asked for it.</summary>
    public async Task<ExportFile> DownloadAsync(long id, CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        await using var data = dataFactory.Open();
        var export = await data.FirstOrDefaultAsync(data.TelemetryExports.Where(e => e.Id == id && e.Actor == username), ct)
            ?? throw new NotFoundException("Export", id.ToString(CultureInfo.InvariantCulture));
        // Still allowed to read the vehicle: someone who left its fleet since asking takes nothing away.
        await VehicleAccess.RequireReadAsync(data, user, username, export.Vin, ct);
        if (export.Content is null)
        {
            throw new ConflictException(export.Status switch
            {
                BackfillStatus.Failed => $"The export failed: {export.Error}",
                BackfillStatus.Expired => "This export has expired and its file was removed; ask for a new one.",
                _ => "The export is not ready yet.",
            });
        }
        return new ExportFile($"{export.Vin}-{export.From:yyyyMMddHHmm}-{export.To:yyyyMMddHHmm}.csv.gz", export.Content);
    }

    /// <summary>The caller, who may read the vehicle (vehicles.vehicle.read or membership of a fleet that holds it).</summary>
    private async Task<(string Username, string Vin)> ReadableAsync(string vinText, CancellationToken ct)
    {
        var username = await user.RequireSignedInAsync(ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        await using var data = dataFactory.Open();
        await VehicleAccess.RequireReadAsync(data, user, username, vin, ct);
        return (username, vin);
    }

    private static ExportView View(TelemetryExport e) => new(e.Id, e.Points, e.From, e.To, e.Status, e.Rows, e.Content is not null, e.Error);
}

/// <summary>
/// Writes an export's CSV from the raw rows, a day at a time. The vehicle's GPS setting is read again here, as the
/// file is made: position points of a vehicle that does not record GPS (any more) are left out of the file.
/// </summary>
public sealed class RunTelemetryExport(IArcDataFactory dataFactory, ITelemetryStore store, UserSafeErrors errors, TimeProvider time) : IBackgroundJob
{
    public string Kind => TelemetryExports.JobKind;

    public async Task RunAsync(long subjectId, CancellationToken ct)
    {
        TelemetryExport export;
        bool recordsGps;
        await using (var data = dataFactory.Open())
        {
            export = await data.FirstOrDefaultAsync(data.TelemetryExports.Where(e => e.Id == subjectId), ct)
                ?? throw new NotFoundException("Export", subjectId.ToString(CultureInfo.InvariantCulture));
            if (export.Status is BackfillStatus.Done or BackfillStatus.Failed or BackfillStatus.Expired)
                return;
            recordsGps = await GpsPrivacy.RecordsGpsAsync(data, export.Vin, ct);
        }
        var columns = export.Points.Split(',').Where(p => recordsGps || !GpsPrivacy.Covers(p)).ToList();
        var points = columns.Select(TelemetryPoint.Parse).ToList();
        var rows = 0;
        string? error = columns.Count == 0 ? "This vehicle does not record its position, so the export has nothing to hold." : null;
        using var buffer = new MemoryStream();
        try
        {
            await using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            await using (var writer = new StreamWriter(gzip, new UTF8Encoding(false)))
            {
                await writer.WriteLineAsync("time," + string.Join(',', columns));
                if (points.Count > 0)
                {
                    await foreach (var (at, values) in store.RawRowsAsync(export.Vin, points, export.From, export.To, ct))
                    {
                        await writer.WriteLineAsync(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) + "," +
                            string.Join(',', values.Select(v => v?.ToString("R", CultureInfo.InvariantCulture) ?? "")));
                        rows++;
                    }
                }
            }
        }
        catch (Exception e) when (e is DomainException or InvalidOperationException or HttpRequestException)
        {
            error = errors.Describe(e, "The export could not be read from the telemetry store.");
        }
        await using (var data = dataFactory.Open())
        {
            var stored = (await data.FirstOrDefaultAsync(data.TelemetryExports.Where(e => e.Id == subjectId), ct))!;
            stored.Status = error is null ? BackfillStatus.Done : BackfillStatus.Failed;
            stored.Error = error;
            if (columns.Count > 0)
                stored.Points = string.Join(',', columns); // what the file holds
            stored.Rows = rows;
            stored.Content = error is null ? buffer.ToArray() : null;
            stored.Finished = time.GetUtcNow();
            await data.SaveChangesAsync(CancellationToken.None);
        }
    }
}

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
