using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Users;

/// <summary>
/// One page of the vehicles a user reaches through their fleets (self, or users.user.read), optionally those whose VIN
/// contains some text. A fleet manager's fleets can hold thousands, so this is never one list.
/// </summary>
public sealed class ListUserVehicles(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<Page<string>> HandleAsync(string username, string? vinContains, int pageIndex, int pageSize, CancellationToken ct = default)
    {
        await user.RequireSelfOrAsync(username, Perm.UserRead, ct);
        await using var data = dataFactory.Open();
        var vins = data.FleetVehicles.Where(v => data.FleetUsers.Any(u => u.Username == username && u.FleetId == v.FleetId)).Select(v => v.Vin).Distinct();
        return await VinPage.ReadAsync(data, vins, vinContains, pageIndex, pageSize, ct);
    }
}
