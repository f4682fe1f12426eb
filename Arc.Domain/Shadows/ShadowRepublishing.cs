using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Jobs;

namespace Arc.Domain.Shadows;

/// <summary>
/// A vehicle whose shadow could not be updated after a committed change. The change is safe in the database; this
/// row makes sure the vehicle is brought up to date once the shadow service answers, without anyone having to notice.
/// </summary>
public class PendingShadowPublish
{
    public required string Vin { get; set; }
    public DateTimeOffset FirstFailed { get; set; }
    public DateTimeOffset NextAttempt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }

    public static TimeSpan Backoff(int attempts) => TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Min(attempts, 10))));
}

/// <summary>
/// Publishes the shadows left behind by an outage (job kind <c>shadow-republish</c>, every minute): each vehicle's
/// desired state is built afresh from the database, so several changes made during the outage go out as one.
/// The first retry comes a minute after the failure, later ones back off to at most an hour apart; a vehicle
/// unprovisioned meanwhile is dropped.
/// </summary>
public sealed class RepublishShadows(IArcDataFactory dataFactory, ShadowPublisher publisher, AuditTrail audit, TimeProvider time) : IBackgroundJob
{
    public const string JobKind = "shadow-republish";
    public const int BatchSize = 100;

    public string Kind => JobKind;

    public async Task RunAsync(long subjectId, CancellationToken ct)
    {
        List<string> due;
        await using (var data = dataFactory.Open())
        {
            var now = time.GetUtcNow();
            due = await data.ListAsync(data.PendingShadowPublishes.Where(p => p.NextAttempt <= now).OrderBy(p => p.NextAttempt)
                .Select(p => p.Vin).Take(BatchSize), ct);
        }
        foreach (var vin in due)
        {
            ct.ThrowIfCancellationRequested();
            await RepublishAsync(vin, ct);
        }
    }

    private async Task RepublishAsync(string vin, CancellationToken ct)
    {
        await using var data = dataFactory.Open();
        var pending = await data.FirstOrDefaultAsync(data.PendingShadowPublishes.Where(p => p.Vin == vin), ct);
        if (pending is null)
            return;
        if (!await data.AnyAsync(data.Vehicles.Where(v => v.Vin == vin), ct))
        {
            data.Remove(pending);
            await data.SaveChangesAsync(ct);
            return;
        }
        try
        {
            await publisher.PublishAsync(data, vin, ct);
            data.Remove(pending);
            audit.Record(data, AuditTrail.SystemActor, AuditActions.ShadowRepublished, AuditEntityTypes.Vehicle, vin,
                new { attempts = pending.Attempts + 1, since = pending.FirstFailed });
        }
        catch (ServiceUnavailableException e)
        {
            pending.Attempts++;
            pending.LastError = e.Message.Length > 500 ? e.Message[..500] : e.Message;
            pending.NextAttempt = time.GetUtcNow() + PendingShadowPublish.Backoff(pending.Attempts);
        }
        await data.SaveChangesAsync(ct);
    }
}
