using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Tsbs;

/// <summary>
/// The bulletins that apply to a vehicle (permission tsbs.vehicle.read): those not deleted that name its model (from its
/// model release) and its model year (from its VIN), newest issue first. A vehicle without a model release has none.
/// </summary>
public sealed class ListVehicleTsbs(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment) : IUseCase
{
    public async Task<IReadOnlyList<VehicleTsbView>> HandleAsync(string? vinText, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.TsbVehicleRead, ct);
        var vin = Vin.Parse(vinText, environment.Environment);
        await using var data = dataFactory.Open();
        var vehicle = await data.FirstOrDefaultAsync(data.Vehicles.Where(v => v.Vin == vin.Value)
                .Select(v => new { ModelId = v.ModelRelease == null ? null : v.ModelRelease.ModelId }), ct)
            ?? throw new NotFoundException("Vehicle", vin.Value);
        if (vehicle.ModelId is not { } model)
            return [];
        var year = vin.ModelYear;
        return await data.ListAsync(data.Tsbs
            .Where(t => t.Status == TsbStatus.Active && t.ModelIds.Contains(model) && t.ModelYears.Contains(year))
            .OrderByDescending(t => t.IssueDate).ThenByDescending(t => t.Id)
            .Select(t => new VehicleTsbView(t.Id, t.Number, t.Title, t.Component, t.IssueDate, t.CommunicationType,
                data.TsbAttachments.Count(a => a.TsbId == t.Id && a.DeletedAt == null))), ct);
    }
}
