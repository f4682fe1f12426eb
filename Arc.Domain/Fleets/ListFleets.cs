using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Fleets;

public enum FleetSort
{
    Id,
    Name,
    Vehicles,
    Users,
}

public sealed record FleetQuery(string? NameContains = null, FleetSort SortBy = FleetSort.Id, bool Descending = false, int PageIndex = 0, int PageSize = 20);

public sealed record FleetRow(int Id, string Name, int VehicleCount, int UserCount)
{
    public bool IsProtected => Id == Fleet.MakerFleetId;
}

/// <summary>Every fleet with how many vehicles and users it has (fleets.group.read): filtered by name, sorted and paged on the server.</summary>
public sealed class ListFleets(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<Page<FleetRow>> HandleAsync(FleetQuery query, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.FleetRead, ct);
        var (index, size) = Paging.Normalize(query.PageIndex, query.PageSize);
        var filter = (query.NameContains ?? "").Trim();
        if (filter.Length > FleetRules.MaxNameLength)
            throw new ValidationFailedException("name", $"A fleet name search has at most {FleetRules.MaxNameLength} characters.");
        await using var data = dataFactory.Open();
        var fleets = data.Fleets;
        if (filter.Length > 0)
        {
            var lower = filter.ToLowerInvariant();
            fleets = fleets.Where(f => f.Name.ToLower().Contains(lower));
        }
        var total = await data.CountAsync(fleets, ct);
        var rows = fleets.Select(f => new
        {
            f.Id,
            f.Name,
            Vehicles = data.FleetVehicles.Count(v => v.FleetId == f.Id),
            Users = data.FleetUsers.Count(u => u.FleetId == f.Id),
        });
        var ordered = (query.SortBy, query.Descending) switch
        {
            (FleetSort.Name, false) => rows.OrderBy(r => r.Name.ToLower()).ThenBy(r => r.Id),
            (FleetSort.Name, true) => rows.OrderByDescending(r => r.Name.ToLower()).ThenBy(r => r.Id),
            (FleetSort.Vehicles, false) => rows.OrderBy(r => r.Vehicles).ThenBy(r => r.Id),
            (FleetSort.Vehicles, true) => rows.OrderByDescending(r => r.Vehicles).ThenBy(r => r.Id),
            (FleetSort.Users, false) => rows.OrderBy(r => r.Users).ThenBy(r => r.Id),
            (FleetSort.Users, true) => rows.OrderByDescending(r => r.Users).ThenBy(r => r.Id),
            (_, true) => rows.OrderByDescending(r => r.Id),
            _ => rows.OrderBy(r => r.Id),
        };
        var page = await data.ListAsync(ordered.Skip(index * size).Take(size), ct);
        return new Page<FleetRow>(page.Select(r => new FleetRow(r.Id, r.Name, r.Vehicles, r.Users)).ToList(), total, index, size);
    }
}
