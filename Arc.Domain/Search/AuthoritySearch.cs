using System.Globalization;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Search;

/// <summary>
/// Authorities whose description contains the term, among those the caller acts for (their subtrees), as the
/// authority list shows them: one partner never finds another's authorities.
/// </summary>
public sealed class AuthoritySearch : ISearchKind
{
    public int Order => 30;

    public IReadOnlyList<string> Permissions { get; } = [Perm.AuthorityRead];

    public async Task<IReadOnlyList<SearchHit>> FindAsync(IArcData data, SearchTerm term, string username, int limit, CancellationToken ct)
    {
        var scope = (await AuthorityRules.ScopeAsync(data, username, ct)).ToList();
        if (scope.Count == 0)
            return [];
        var lower = term.Lower;
        var rows = await data.ListAsync(data.Authorities.Where(a => scope.Contains(a.Id) && a.Description.ToLower().Contains(lower))
            .OrderBy(a => a.Description).ThenBy(a => a.Id).Take(limit).Select(a => new { a.Id, a.Description }), ct);
        return rows.Select(a =>
        {
            var id = a.Id.ToString(CultureInfo.InvariantCulture);
            return new SearchHit("Authority", a.Description, $"Id {id}", $"authorities/{id}");
        }).ToList();
    }
}
