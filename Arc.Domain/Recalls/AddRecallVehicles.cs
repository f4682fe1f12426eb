using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Recalls;

/// <summary>
/// Adds the listed vehicles to a recall, open (permission recalls.vehicle.add), all or none: the list is checked again
/// as in its dry run and any problem refuses the whole change with every problem listed. The entries and a note on each
/// vehicle are copied in as a set, so 100,000 VINs take seconds; one audit event and the data stamp go in the same save.
/// </summary>
public sealed class AddRecallVehicles(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, AuditTrail audit,
    TimeProvider time) : IUseCase
{
    public async Task<int> HandleAsync(int recallId, string? vins, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.RecallVehicleAdd, ct);
        await using var data = dataFactory.Open();
        var recall = await RecallRules.FindAsync(data, recallId, ct);
        var plan = await RecallVinList.PlanAsync(data, recall, vins, environment.Environment, ct);
        RecallVinList.RequireApplicable(plan);
        await RecallEntries.AddAsync(data, audit, time, recall, plan.Vins, actor, null, ct);
        await data.SaveChangesAsync(ct);
        return plan.Vins.Count;
    }
}
