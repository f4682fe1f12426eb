using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Authorities;

public sealed record AuthorityRow(int Id, int ParentId, string Description, int VehicleCount);

public sealed record AuthorityLink(int Id, string Description);

public sealed record AuthorityDetail(int Id, string Description, AuthorityLink? Parent, IReadOnlyList<AuthorityLink> Children,
    IReadOnlyList<string> Vehicles, IReadOnlyList<string> Members, string TrustedKey);

/// <summary>The authorities, filtered by description, ordered as the old list was (description, then id).</summary>
public sealed class ListAuthorities(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<IReadOnlyList<AuthorityRow>> HandleAsync(string? descriptionContains = null, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.AuthorityRead, ct);
        var filter = (descriptionContains ?? "").Trim();
        if (filter.Length > Authority.MaxDescriptionLength)
            throw new ValidationFailedException("description", "That search is too long.");
        await using var data = dataFactory.Open();
        var authorities = data.Authorities;
        if (filter.Length > 0)
        {
            var lower = filter.ToLowerInvariant();
            authorities = authorities.Where(a => a.Description.ToLower().Contains(lower));
        }
        return await data.ListAsync(authorities.OrderBy(a => a.Description).ThenBy(a => a.Id)
            .Select(a => new AuthorityRow(a.Id, a.ParentId, a.Description, data.VehicleAuthorities.Count(va => va.AuthorityId == a.Id))), ct);
    }
}

/// <summary>One authority with its parent, children, vehicles and members.</summary>
public sealed class GetAuthority(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<AuthorityDetail> HandleAsync(int id, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.AuthorityRead, ct);
        await using var data = dataFactory.Open();
        var authority = await AuthorityRules.RequireAsync(data, id, ct);
        var parent = await data.FirstOrDefaultAsync(data.Authorities.Where(a => a.Id == authority.ParentId).Select(a => new AuthorityLink(a.Id, a.Description)), ct);
        var children = await data.ListAsync(data.Authorities.Where(a => a.ParentId == id && a.Id != id).OrderBy(a => a.Description)
            .Select(a => new AuthorityLink(a.Id, a.Description)), ct);
        var vehicles = await data.ListAsync(data.VehicleAuthorities.Where(va => va.AuthorityId == id).OrderBy(va => va.Vin).Select(va => va.Vin), ct);
        var members = await data.ListAsync(data.AuthorityMembers.Where(m => m.AuthorityId == id)
            .Select(m => data.Users.Where(u => u.Username == m.Username).Select(u => u.Email).FirstOrDefault() ?? m.Username).OrderBy(e => e), ct);
        return new AuthorityDetail(authority.Id, authority.Description, parent, children, vehicles, members, authority.TrustedKey);
    }
}

/// <summary>The authorities that control one vehicle (the vehicle page's Authorities tab).</summary>
public sealed class ListVehicleAuthorities(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment) : IUseCase
{
    public async Task<IReadOnlyList<AuthorityLink>> HandleAsync(string vinText, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.AuthorityVehicleRead, ct);
        var vin = Vin.Parse(vinText, environment.Environment);
        await using var data = dataFactory.Open();
        return await data.ListAsync(data.Authorities
            .Where(a => data.VehicleAuthorities.Any(va => va.AuthorityId == a.Id && va.Vin == vin.Value))
            .OrderBy(a => a.Id).Select(a => new AuthorityLink(a.Id, a.Description)), ct);
    }
}
