using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Jobs;

namespace Arc.Domain.Telemetry;

/// <summary>
/// Queues a raw export of up to 30 days of a vehicle's points (vehicles.vehicle.read or membership of a fleet that
/// holds it); a background job writes the CSV (gzip). The rows are the raw points as stored, one line per time with one
/// column per point. A vehicle that does not record GPS exports no position points.
/// </summary>
public sealed class RequestTelemetryExport(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, IBackgroundJobs jobs,
    AuditTrail audit, TimeProvider time, IRateLimits limits) : IUseCase
{
    public const string JobKind = "telemetry-export";
    public const int MaxPoints = 20;

    public async Task<ExportView> HandleAsync(string vinText, IReadOnlyList<string> points, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        var (username, vin) = await ReadableVehicle.RequireAsync(dataFactory, user, environment, vinText, mustExist: false, ct);
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
        return ExportView.Of(export);
    }
}
