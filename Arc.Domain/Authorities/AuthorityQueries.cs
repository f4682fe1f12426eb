using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Authorities;

/// <param name="Parent">The parent's description, or null for the root and for a parent the caller does not act for.</param>
public sealed record AuthorityRow(int Id, int ParentId, string Description, int VehicleCount, string? Parent);

public sealed record AuthorityLink(int Id, string Description);

/// <param name="VehicleCount">How many vehicles it controls; <see cref="ListAuthorityVehicles"/> pages through them.</param>
/// <param name="RowVersion">The authority's version, which its page sends back with an edit of its members.</param>
public sealed record AuthorityDetail(int Id, string Description, AuthorityLink? Parent, IReadOnlyList<AuthorityLink> Children,
    int VehicleCount, IReadOnlyList<string> Members, string TrustedKey, uint RowVersion = 0);

/// <summary>
/// The authorities the caller acts for (their subtrees; everything for a root member), filtered by description and
/// ordered as the old list was (description, then id). One partner never sees another's authorities.
/// </summary>
public sealed class ListAuthorities(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<IReadOnlyList<AuthorityRow>> HandleAsync(string? descriptionContains = null, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.AuthorityRead, ct);
        var filter = (descriptionContains ?? "").Trim();
        if (filter.Length > Authority.MaxDescriptionLength)
            throw new ValidationFailedException("description", "That search is too long.");
        await using var data = dataFactory.Open();
        var scope = (await AuthorityRules.ScopeAsync(data, username, ct)).ToList();
        var authorities = data.Authorities.Where(a => scope.Contains(a.Id));
        if (filter.Length > 0)
        {
            var lower = filter.ToLowerInvariant();
            authorities = authorities.Where(a => a.Description.ToLower().Contains(lower));
        }
        return await data.ListAsync(authorities.OrderBy(a => a.Description).ThenBy(a => a.Id)
            .Select(a => new AuthorityRow(a.Id, a.ParentId, a.Description, data.VehicleAuthorities.Count(va => va.AuthorityId == a.Id),
                a.Id != a.ParentId && scope.Contains(a.ParentId) ? data.Authorities.Where(p => p.Id == a.ParentId).Select(p => p.Description).FirstOrDefault() : null)), ct);
    }
}

/// <summary>
/// One authority the caller acts for, with its children, vehicles and members; the parent is named only when the caller
/// acts for it too.
/// </summary>
public sealed class GetAuthority(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<AuthorityDetail> HandleAsync(int id, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.AuthorityRead, ct);
        await using var data = dataFactory.Open();
        var authority = await AuthorityRules.RequireAsync(data, id, ct);
        await AuthorityRules.RequireActsForAsync(data, user, username, id, ct);
        var parent = authority.IsRoot || !await AuthorityRules.ActsForAsync(data, username, authority.ParentId, ct)
            ? null
            : await data.FirstOrDefaultAsync(data.Authorities.Where(a => a.Id == authority.ParentId).Select(a => new AuthorityLink(a.Id, a.Description)), ct);
        var children = await data.ListAsync(data.Authorities.Where(a => a.ParentId == id && a.Id != id).OrderBy(a => a.Description)
            .Select(a => new AuthorityLink(a.Id, a.Description)), ct);
        var vehicles = await data.CountAsync(data.VehicleAuthorities.Where(va => va.AuthorityId == id), ct);
        var members = await data.ListAsync(data.AuthorityMembers.Where(m => m.AuthorityId == id)
            .Select(m => data.Users.Where(u => u.Username == m.Username).Select(u => u.Email).FirstOrDefault() ?? m.Username).OrderBy(e => e), ct);
        return new AuthorityDetail(authority.Id, authority.Description, parent, children, vehicles, members, authority.TrustedKey, authority.Version);
    }
}

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
