using System.Globalization;
using System.IO.Compression;
using System.Text;
using Arc.Domain.Common;
using Arc.Domain.Jobs;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Telemetry;

/// <summary>
/// Writes an export's CSV from the raw rows, a day at a time. The vehicle's GPS setting is read again here, as the
/// file is made: position points of a vehicle that does not record GPS (any more) are left out of the file.
/// </summary>
public sealed class RunTelemetryExport(IArcDataFactory dataFactory, ITelemetryStore store, UserSafeErrors errors, TimeProvider time) : IBackgroundJob
{
    public string Kind => RequestTelemetryExport.JobKind;

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
