using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Recalls;

/// <summary>
/// Adds the vehicles a population query matches to a recall, open (permission recalls.vehicle.add). The recall's row is
/// locked and the query run again in the transaction that saves, so exactly the vehicles matching then and not yet in the
/// recall are added, whatever the preview showed. Entries, history, notes, audit event (with the query) and stamp go
/// through <see cref="RecallEntries"/>, as a VIN list's do.
/// </summary>
public sealed class AddRecallPopulation(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task<int> HandleAsync(int recallId, RecallPopulationQuery? query, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.RecallVehicleAdd, ct);
        await using var data = dataFactory.Open();
        await RecallPopulation.CheckAsync(data, query, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), ct);
        var recall = await RecallRules.FindAsync(data, recallId, ct);
        await data.LockAsync(recall, ct);
        var vins = await data.ListAsync(RecallPopulation.ToAdd(data, recall, query!).Take(RecallVinList.MaxVins + 1), ct);
        RecallPopulation.RequireApplicable(vins.Count);
        await RecallEntries.AddAsync(data, audit, time, recall, vins, actor, query, ct);
        await data.SaveChangesAsync(ct);
        return vins.Count;
    }
}
