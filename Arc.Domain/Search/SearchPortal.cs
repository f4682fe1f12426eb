using Arc.Domain.Common;

namespace Arc.Domain.Search;

/// <summary>
/// The app-bar search: vehicles by VIN, users by name or email, authorities by name, and whatever other
/// <see cref="ISearchKind"/> exists. Any signed-in user may search; a kind whose permissions they lack is not searched
/// at all, so it neither shows up nor costs a query.
/// </summary>
public sealed class SearchPortal(IArcDataFactory dataFactory, ICurrentUser user, IEnumerable<ISearchKind> kinds) : IUseCase
{
    /// <summary>Hits per kind: enough to pick from, few enough that one kind cannot crowd out the others.</summary>
    public const int PerKind = 5;

    public async Task<IReadOnlyList<SearchHit>> HandleAsync(string? text, CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        var term = SearchTerm.Parse(text);
        if (term is null)
            return [];
        var held = await user.GetPermissionsAsync(ct);
        var hits = new List<SearchHit>();
        await using var data = dataFactory.Open();
        foreach (var kind in kinds.Where(k => k.Permissions.All(held.Contains)).OrderBy(k => k.Order))
            hits.AddRange(await kind.FindAsync(data, term, username, PerKind, ct));
        return hits;
    }
}
