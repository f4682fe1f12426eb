using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Authorities;

/// <param name="Parent">The parent's description, or null for the root and for a parent the caller does not act for.</param>
public sealed record AuthorityRow(int Id, int ParentId, string Description, int VehicleCount, string? Parent);

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
