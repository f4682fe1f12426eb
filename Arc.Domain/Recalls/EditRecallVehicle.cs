using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Recalls;

/// <summary>
/// Changes a vehicle's entry in a recall (permission recalls.vehicle.edit): its status with what that status needs (a
/// service date, a reason), within the allowed moves of <see cref="RecallVehicleRules.CanMove"/>. An edit that changes
/// nothing is refused, and so is one made from a page older than the entry (<paramref name="version"/>).
/// </summary>
public sealed class EditRecallVehicle(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, AuditTrail audit,
    TimeProvider time) : IUseCase
{
    public async Task HandleAsync(int recallId, string? vinText, RecallVehicleDraft draft, uint? version = null, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.RecallVehicleEdit, ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        await using var data = dataFactory.Open();
        var recall = await RecallRules.FindAsync(data, recallId, ct);
        var entry = await data.FirstOrDefaultAsync(data.RecallVehicles.Where(v => v.RecallId == recall.Id && v.Vin == vin), ct)
            ?? throw new NotFoundException($"Vehicle of recall {recall.NhtsaNumber}", vin);
        if (draft.Status == RecallVehicleStatus.Remedied && entry.Status != RecallVehicleStatus.Remedied)
            await RecallVehicleRules.RequireRemedyAsync(data, recall, ct);
        var before = Snapshot(entry);
        var now = time.GetUtcNow();
        RecallVehicleRules.Apply(draft, entry, DateOnly.FromDateTime(now.UtcDateTime));
        var after = Snapshot(entry);
        if (before == after)
            throw new ValidationFailedException("This edit changes nothing; nothing was saved.");
        data.ExpectVersion(entry, version, $"The entry of {vin}");
        entry.ChangedAt = now;
        entry.ChangedBy = actor;
        if (before.Status != after.Status || before.ServiceDate != after.ServiceDate || before.Reason != after.Reason)
            RecallHistory.Record(data, [entry], actor, now);
        await RecallVehicleRules.AddNotesAsync(data, [vin], actor, RecallVehicleRules.ChangedNote(recall, entry), now, ct);
        audit.Record(data, actor, RecallVehicleAuditActions.Edited, RecallAuditActions.RecallEntity, recall.Id.ToString(CultureInfo.InvariantCulture),
            new { recall.NhtsaNumber, vin, before, after });
        RecallRules.Touch(data, time);
        await data.SaveChangesAsync(ct);
    }

    private static State Snapshot(RecallVehicle e) => new(e.Status.ToString(), e.ServiceDate, e.ServiceReference, e.UnreachableReason?.ToString(), e.ReasonNote);

    private sealed record State(string Status, DateOnly? ServiceDate, string? ServiceReference, string? Reason, string? ReasonNote);
}
