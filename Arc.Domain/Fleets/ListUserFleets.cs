using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Fleets;

public sealed record UserFleetRow(int Id, string Name, int VehicleCount);

/// <summary>The fleets a user is a member of, by id (their own, or anyone's with fleets.group.read).</summary>
public sealed class ListUserFleets(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<IReadOnlyList<UserFleetRow>> HandleAsync(string username, CancellationToken ct = default)
    {
        await user.RequireSelfOrAsync(username, Perm.FleetRead, ct);
        await using var data = dataFactory.Open();
        return await data.ListAsync(data.Fleets.Where(f => data.FleetUsers.Any(u => u.FleetId == f.Id && u.Username == username)).OrderBy(f => f.Id)
            .Select(f => new UserFleetRow(f.Id, f.Name, data.FleetVehicles.Count(v => v.FleetId == f.Id))), ct);
    }
}
