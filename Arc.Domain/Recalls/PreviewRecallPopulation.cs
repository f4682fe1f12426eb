using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Recalls;

/// <summary>
/// The dry run of adding a recall's vehicles by a population query (permission recalls.vehicle.add): how many vehicles it
/// would add and the first of them. Changes nothing; <see cref="AddRecallPopulation"/> runs the query again.
/// </summary>
public sealed class PreviewRecallPopulation(IArcDataFactory dataFactory, ICurrentUser user, TimeProvider time) : IUseCase
{
    public async Task<RecallPopulationPlan> HandleAsync(int recallId, RecallPopulationQuery? query, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.RecallVehicleAdd, ct);
        await using var data = dataFactory.Open();
        await RecallPopulation.CheckAsync(data, query, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), ct);
        var recall = await RecallRules.FindAsync(data, recallId, ct);
        return await RecallPopulation.PlanAsync(data, recall, query!, ct);
    }
}
