using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Fleets;

public sealed record FleetSettings(int FleetId, string FleetName, int? TypeId, string? Type, int? LocationId, string? Location,
    int? DepartmentCodeId, string? DepartmentCode, string? DepartmentDescription);

/// <summary>A fleet's type, location and department code, by name (permission fleets.group.read).</summary>
public sealed class GetFleetSettings(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<FleetSettings> HandleAsync(int fleetId, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.FleetRead, ct);
        await using var data = dataFactory.Open();
        return await data.FirstOrDefaultAsync(data.Fleets.Where(f => f.Id == fleetId).Select(f => new FleetSettings(f.Id, f.Name,
                f.TypeId, data.FleetTypes.Where(t => t.Id == f.TypeId).Select(t => t.Name).FirstOrDefault(),
                f.LocationId, data.Locations.Where(l => l.Id == f.LocationId).Select(l => l.Name).FirstOrDefault(),
                f.DepartmentCodeId, data.DepartmentCodes.Where(c => c.Id == f.DepartmentCodeId).Select(c => c.Code).FirstOrDefault(),
                data.DepartmentCodes.Where(c => c.Id == f.DepartmentCodeId).Select(c => c.Description).FirstOrDefault())), ct)
            ?? throw new NotFoundException("Fleet", fleetId.ToString(CultureInfo.InvariantCulture));
    }
}
