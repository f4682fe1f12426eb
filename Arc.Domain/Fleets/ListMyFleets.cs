using Arc.Domain.Common;

namespace Arc.Domain.Fleets;

/// <summary>"My fleets": the fleets the signed-in user is a member of, with their vehicle counts (no permission needed).</summary>
public sealed class ListMyFleets(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<IReadOnlyList<UserFleetRow>> HandleAsync(CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        await using var data = dataFactory.Open();
        return await data.ListAsync(data.Fleets.Where(f => data.FleetUsers.Any(u => u.FleetId == f.Id && u.Username == username)).OrderBy(f => f.Name).ThenBy(f => f.Id)
            .Select(f => new UserFleetRow(f.Id, f.Name, data.FleetVehicles.Count(v => v.FleetId == f.Id))), ct);
    }
}
