using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Fleets;

/// <summary>One page of a fleet's VINs, optionally those containing some text (fleets.group.read).</summary>
public sealed class ListFleetVehicles(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<Page<string>> HandleAsync(int fleetId, string? vinContains, int pageIndex, int pageSize, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.FleetRead, ct);
        await using var data = dataFactory.Open();
        await FleetRules.FindAsync(data, fleetId, ct);
        return await VinPage.ReadAsync(data, data.FleetVehicles.Where(v => v.FleetId == fleetId).Select(v => v.Vin), vinContains, pageIndex, pageSize, ct);
    }
}
