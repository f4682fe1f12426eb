using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Authorities;

/// <param name="VehicleCount">How many vehicles it controls; <see cref="ListAuthorityVehicles"/> pages through them.</param>
/// <param name="RowVersion">The authority's version, which its page sends back with an edit of its members.</param>
public sealed record AuthorityDetail(int Id, string Description, AuthorityLink? Parent, IReadOnlyList<AuthorityLink> Children,
    int VehicleCount, IReadOnlyList<string> Members, string TrustedKey, uint RowVersion = 0);

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
