using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Jobs;

namespace Arc.Domain.Api;

/// <summary>
/// Run hourly: erases identity files kept for collection that have expired uncollected (each expiry audited on its
/// vehicle) and forgets idempotency keys older than <see cref="IdempotencyRules.KeepFor"/>.
/// </summary>
public sealed class PurgeApiRecords(IArcDataFactory dataFactory, AuditTrail audit, TimeProvider time) : IBackgroundJob
{
    public const string JobKind = "api-records-purge";

    public string Kind => JobKind;

    public async Task RunAsync(long subjectId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var data = dataFactory.Open();
        var expired = await data.ListAsync(data.IdentityPickups.Where(p => p.Ciphertext != null && p.ExpiresAt <= now), ct);
        foreach (var pickup in expired)
        {
            pickup.Ciphertext = null;
            pickup.KeyReference = null;
            audit.Record(data, AuditTrail.SystemActor, AuditActions.VehicleIdentityExpired, AuditEntityTypes.Vehicle, pickup.Vin,
                new { run = pickup.RunId, provisioned = pickup.CreatedAt, by = pickup.CreatedBy });
        }
        var cutoff = now - IdempotencyRules.KeepFor;
        foreach (var record in await data.ListAsync(data.IdempotencyRecords.Where(r => r.CreatedAt < cutoff).Take(10_000), ct))
            data.Remove(record);
        await data.SaveChangesAsync(ct);
    }
}
