using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Authorities;

/// <summary>
/// One page of the vehicles an authority controls, optionally those whose VIN contains some text; the root holds every
/// provisioned vehicle, so this is never one list. Only for an authority the caller acts for.
/// </summary>
public sealed class ListAuthorityVehicles(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<Page<string>> HandleAsync(int authorityId, string? vinContains, int pageIndex, int pageSize, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.AuthorityRead, ct);
        await using var data = dataFactory.Open();
        await AuthorityRules.RequireAsync(data, authorityId, ct);
        await AuthorityRules.RequireActsForAsync(data, user, username, authorityId, ct);
        return await VinPage.ReadAsync(data, data.VehicleAuthorities.Where(va => va.AuthorityId == authorityId).Select(va => va.Vin),
            vinContains, pageIndex, pageSize, ct);
    }
}
