using System.Globalization;
using Arc.Domain.Common;

namespace Arc.Domain.Locations;

public sealed record LocationFleet(int Id, string Name);

public sealed record LocationDetails(LocationView Location, IReadOnlyList<LocationFleet> Fleets);

/// <summary>
/// One location with the fleets at it. Any signed-in user may read locations: the old system asked for no permission,
/// and a fleet's page shows its location to whoever reads the fleet.
/// </summary>
public sealed class GetLocation(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<LocationDetails> HandleAsync(int id, CancellationToken ct = default)
    {
        await user.RequireSignedInAsync(ct);
        await using var data = dataFactory.Open();
        var location = await data.FirstOrDefaultAsync(LocationViews.Project(data, data.Locations.Where(l => l.Id == id)), ct)
            ?? throw new NotFoundException("Location", id.ToString(CultureInfo.InvariantCulture));
        var fleets = await data.ListAsync(data.Fleets.Where(f => f.LocationId == id).OrderBy(f => f.Name).Select(f => new LocationFleet(f.Id, f.Name)), ct);
        return new LocationDetails(location, fleets);
    }
}
