using System.Globalization;
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
        var now = time.GetUtcNow();
        data.AddMany(plan.Vins.Select(vin => new RecallVehicle { RecallId = recall.Id, Vin = vin, AddedAt = now, AddedBy = actor }).ToList());
        await RecallVehicleRules.AddNotesAsync(data, plan.Vins, actor, RecallVehicleRules.AddedNote(recall), now, ct);
        audit.Record(data, actor, RecallVehicleAuditActions.Added, RecallAuditActions.RecallEntity, recall.Id.ToString(CultureInfo.InvariantCulture),
            new { recall.NhtsaNumber, added = RecallVinList.AuditVins(plan.Vins) });
        RecallRules.Touch(data, time);
        await data.SaveChangesAsync(ct);
        return plan.Vins.Count;
    }
}
