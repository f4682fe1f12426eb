using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Authorities;

/// <summary>The authorities that control one vehicle and that the caller acts for (the vehicle page's Authorities tab).</summary>
public sealed class ListVehicleAuthorities(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment) : IUseCase
{
    public async Task<IReadOnlyList<AuthorityLink>> HandleAsync(string vinText, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.AuthorityVehicleRead, ct);
        var vin = Vin.Parse(vinText, environment.Environment);
        await using var data = dataFactory.Open();
        var scope = (await AuthorityRules.ScopeAsync(data, username, ct)).ToList();
        return await data.ListAsync(data.Authorities
            .Where(a => scope.Contains(a.Id) && data.VehicleAuthorities.Any(va => va.AuthorityId == a.Id && va.Vin == vin.Value))
            .OrderBy(a => a.Id).Select(a => new AuthorityLink(a.Id, a.Description)), ct);
    }
}
