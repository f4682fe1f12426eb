using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;

namespace Arc.Domain.Recalls;

/// <summary>
/// The one way vehicles enter a recall, used by a VIN list (<see cref="AddRecallVehicles"/>) and by a population query
/// (<see cref="AddRecallPopulation"/>): the entries open, a step of history each, a note on each vehicle, one audit event on
/// the recall and the data stamp, all queued for the caller's one save.
/// </summary>
public static class RecallEntries
{
    public static async Task AddAsync(IArcData data, AuditTrail audit, TimeProvider time, Recall recall, IReadOnlyList<string> vins, string actor,
        object? population, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var entries = vins.Select(vin => new RecallVehicle { RecallId = recall.Id, Vin = vin, AddedAt = now, AddedBy = actor }).ToList();
        data.AddMany(entries);
        RecallHistory.Record(data, entries, actor, now);
        await RecallVehicleRules.AddNotesAsync(data, vins, actor, RecallVehicleRules.AddedNote(recall), now, ct);
        var id = recall.Id.ToString(CultureInfo.InvariantCulture);
        var added = RecallVinList.AuditVins(vins);
        audit.Record(data, actor, RecallVehicleAuditActions.Added, RecallAuditActions.RecallEntity, id,
            population is null ? new { recall.NhtsaNumber, added } : new { recall.NhtsaNumber, added, population });
        RecallRules.Touch(data, time);
    }
}
