using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Fleets;

public sealed record FleetMember(string Username, string? Email, string? DisplayName);

/// <summary>A fleet as its page shows it; its vehicles, which can be thousands, are read a page at a time (<see cref="ListFleetVehicles"/>).</summary>
public sealed record FleetDetail(int Id, string Name, int VehicleCount, IReadOnlyList<FleetMember> Users)
{
    public bool IsProtected => Id == Fleet.MakerFleetId;
}

/// <summary>One fleet with its users (fleets.group.read).</summary>
public sealed class GetFleet(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<FleetDetail> HandleAsync(int fleetId, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.FleetRead, ct);
        await using var data = dataFactory.Open();
        var fleet = await FleetRules.FindAsync(data, fleetId, ct);
        var vehicles = await data.CountAsync(data.FleetVehicles.Where(v => v.FleetId == fleetId), ct);
        // A membership can outlive its account (rows the old system left behind); it is shown by its username then.
        var members = await data.ListAsync(data.FleetUsers.Where(m => m.FleetId == fleetId)
            .Select(m => new
            {
                m.Username,
                Account = data.Users.Where(u => u.Username == m.Username).Select(u => new { u.Email, u.DisplayName }).FirstOrDefault(),
            }), ct);
        var users = members.Select(m => new FleetMember(m.Username, m.Account?.Email, m.Account?.DisplayName))
            .OrderBy(m => m.DisplayName ?? m.Email ?? m.Username, StringComparer.OrdinalIgnoreCase).ToList();
        return new FleetDetail(fleet.Id, fleet.Name, vehicles, users);
    }
}
