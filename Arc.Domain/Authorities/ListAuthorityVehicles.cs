using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Authorities;

/// <summary>
/// One page of the vehicles an authority controls, optionally those whose VIN contains some text; the root holds every
/// provisioned vehicle, so this is never one list. Only for an authority the caller acts for.
/// </summary>
public sealed class ListAuthorityVehicles(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public const int MaxFilterLength = 40;

    public async Task<Page<string>> HandleAsync(int authorityId, string? vinContains, int pageIndex, int pageSize, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.AuthorityRead, ct);
        var (index, size) = Paging.Normalize(pageIndex, pageSize);
        var filter = (vinContains ?? "").Trim().ToUpperInvariant();
        if (filter.Length > MaxFilterLength)
            throw new ValidationFailedException("vin", $"A VIN search has at most {MaxFilterLength} characters.");
        await using var data = dataFactory.Open();
        await AuthorityRules.RequireAsync(data, authorityId, ct);
        await AuthorityRules.RequireActsForAsync(data, user, username, authorityId, ct);
        var vins = data.VehicleAuthorities.Where(va => va.AuthorityId == authorityId).Select(va => va.Vin);
        if (filter.Length > 0)
            vins = vins.Where(v => v.Contains(filter));
        var total = await data.CountAsync(vins, ct);
        var items = await data.ListAsync(vins.OrderBy(v => v).Skip(index * size).Take(size), ct);
        return new Page<string>(items, total, index, size);
    }
}
