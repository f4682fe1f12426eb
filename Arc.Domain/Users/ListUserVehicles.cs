using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Users;

/// <summary>
/// One page of the vehicles a user reaches through their fleets (self, or users.user.read), optionally those whose VIN
/// contains some text. A fleet manager's fleets can hold thousands, so this is never one list.
/// </summary>
public sealed class ListUserVehicles(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public const int MaxFilterLength = 40;

    public async Task<Page<string>> HandleAsync(string username, string? vinContains, int pageIndex, int pageSize, CancellationToken ct = default)
    {
        await user.RequireSelfOrAsync(username, Perm.UserRead, ct);
        var (index, size) = Paging.Normalize(pageIndex, pageSize);
        var filter = (vinContains ?? "").Trim().ToUpperInvariant();
        if (filter.Length > MaxFilterLength)
            throw new ValidationFailedException("vin", $"A VIN search has at most {MaxFilterLength} characters.");
        await using var data = dataFactory.Open();
        var vins = data.FleetVehicles.Where(v => data.FleetUsers.Any(u => u.Username == username && u.FleetId == v.FleetId)).Select(v => v.Vin).Distinct();
        if (filter.Length > 0)
            vins = vins.Where(v => v.Contains(filter));
        var total = await data.CountAsync(vins, ct);
        var items = await data.ListAsync(vins.OrderBy(v => v).Skip(index * size).Take(size), ct);
        return new Page<string>(items, total, index, size);
    }
}
