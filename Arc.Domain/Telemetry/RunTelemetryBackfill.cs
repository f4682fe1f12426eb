using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Email;
using Arc.Domain.Jobs;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Telemetry;

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
