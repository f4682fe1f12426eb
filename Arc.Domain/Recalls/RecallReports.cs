using Arc.Domain.Common;

namespace Arc.Domain.Recalls;

/// <summary>Reads a recall's history for the completion counts, and finds its quarterly reports.</summary>
public static class RecallReports
{
    public static Task<List<RecallHistoryStep>> StepsAsync(IArcData data, int recallId, DateOnly until, CancellationToken ct) =>
        data.ListAsync(data.RecallVehicleEvents.Where(e => e.RecallId == recallId && e.EffectiveOn <= until)
            .Select(e => new RecallHistoryStep(e.Id, e.Vin, e.State, e.UnreachableReason, e.EffectiveOn)), ct);

    public static Task<RecallQuarterReport?> FindAsync(IArcData data, int recallId, int year, int quarter, CancellationToken ct) =>
        data.FirstOrDefaultAsync(data.RecallQuarterReports.Where(r => r.RecallId == recallId && r.Year == year && r.Quarter == quarter), ct);

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
