using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Recalls;

/// <summary>
/// Takes a vehicle out of a recall (permission recalls.vehicle.remove), as when it was listed by mistake. The entry is
/// deleted; its last state stays in the audit event, a "removed" step in its history keeps it countable (decision 0041),
/// and the vehicle gets a note.
/// </summary>
public sealed class RemoveRecallVehicle(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, AuditTrail audit,
    TimeProvider time) : IUseCase
{
    public async Task HandleAsync(int recallId, string? vinText, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.RecallVehicleRemove, ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        await using var data = dataFactory.Open();
        var recall = await RecallRules.FindAsync(data, recallId, ct);
        var entry = await data.FirstOrDefaultAsync(data.RecallVehicles.Where(v => v.RecallId == recall.Id && v.Vin == vin), ct)
            ?? throw new NotFoundException($"Vehicle of recall {recall.NhtsaNumber}", vin);
        var now = time.GetUtcNow();
        data.Remove(entry);
        RecallHistory.Removed(data, entry, actor, now);
        await RecallVehicleRules.AddNotesAsync(data, [vin], actor, RecallVehicleRules.RemovedNote(recall), now, ct);
        audit.Record(data, actor, RecallVehicleAuditActions.Removed, RecallAuditActions.RecallEntity, recall.Id.ToString(CultureInfo.InvariantCulture),
            new { recall.NhtsaNumber, vin, status = entry.Status.ToString(), entry.ServiceDate, entry.ServiceReference });
        RecallRules.Touch(data, time);
        await data.SaveChangesAsync(ct);
    }
}
