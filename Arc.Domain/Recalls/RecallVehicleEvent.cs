using Arc.Domain.Common;

namespace Arc.Domain.Recalls;

/// <summary>
/// One step in a vehicle's history within a recall (<c>vehicle_recall_events</c>): added (open), a status it moved to, or
/// removed from the population. Rows are only ever added, so counts as of any day (a quarter's end) and the burn-down of
/// open vehicles can be rebuilt, and removed vehicles stay countable after their entry is deleted.
/// </summary>
public class RecallVehicleEvent
{
    public long Id { get; set; }
    public int RecallId { get; set; }
    public required string Vin { get; set; }
    public RecallVehicleState State { get; set; }
    public UnreachableReason? UnreachableReason { get; set; }
    /// <summary>The day the step counts from: the service date of a remedy or inspection (never before the day the vehicle
    /// was added), otherwise the day it was recorded.</summary>
    public DateOnly EffectiveOn { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedBy { get; set; }
}

/// <summary>A vehicle's state in a recall's history: the entry statuses plus removal from the population.</summary>
public enum RecallVehicleState
{
    Open = 0,
    Remedied = 1,
    Inspected = 2,
    Unreachable = 3,
    Removed = 4,
}

/// <summary>Writes the history rows of entry changes, in bulk, in the same save as the change.</summary>
public static class RecallHistory
{
    /// <summary>The entries' current state, as a step each; the caller has just added or changed them.</summary>
    public static void Record(IArcData data, IReadOnlyCollection<RecallVehicle> entries, string actor, DateTimeOffset now)
    {
        if (entries.Count == 0)
            return;
        data.AddMany(entries.Select(e => Step(e, (RecallVehicleState)(int)e.Status, actor, now)).ToList());
    }

    /// <summary>The entry leaves the population.</summary>
    public static void Removed(IArcData data, RecallVehicle entry, string actor, DateTimeOffset now) =>
        data.Add(Step(entry, RecallVehicleState.Removed, actor, now));

    public static RecallVehicleEvent Step(RecallVehicle entry, RecallVehicleState state, string actor, DateTimeOffset now)
    {
        var recorded = DateOnly.FromDateTime(now.UtcDateTime);
        var added = DateOnly.FromDateTime(entry.AddedAt.UtcDateTime);
        var effective = state is RecallVehicleState.Remedied or RecallVehicleState.Inspected && entry.ServiceDate is { } served
            ? served
            : recorded;
        if (effective < added)
            effective = added;
        return new RecallVehicleEvent
        {
            RecallId = entry.RecallId, Vin = entry.Vin, State = state, EffectiveOn = effective, RecordedAt = now, RecordedBy = actor,
            UnreachableReason = state == RecallVehicleState.Unreachable ? entry.UnreachableReason : null,
        };
    }
}
