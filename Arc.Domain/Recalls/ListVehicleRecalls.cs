using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Recalls;

/// <summary>
/// A vehicle's recalls with where it stands in each, newest recall first (permission recalls.vehicle.read), for its
/// Recalls tab. Deleted recalls are left out.
/// </summary>
public sealed class ListVehicleRecalls(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment) : IUseCase
{
    public async Task<IReadOnlyList<RecallVehicleView>> HandleAsync(string? vinText, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.RecallVehicleRead, ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        await using var data = dataFactory.Open();
        return await data.ListAsync(
            from v in data.RecallVehicles
            join r in data.Recalls on v.RecallId equals r.Id
            where v.Vin == vin && r.Status == RecallStatus.Active
            orderby r.CreatedAt descending, r.Id descending
            select new RecallVehicleView(v.Id, v.RecallId, r.NhtsaNumber, r.Title, v.Vin, v.Status, v.ServiceDate, v.ServiceReference,
                v.UnreachableReason, v.ReasonNote, v.AddedAt, v.AddedBy, v.ChangedAt, v.ChangedBy, v.Version,
                v.OtaHash == null ? null : new OverTheAirEvidence(v.OtaComponent!, v.OtaHash, v.OtaReportedAt!.Value, v.OtaSource!.Value)), ct);
    }
}
