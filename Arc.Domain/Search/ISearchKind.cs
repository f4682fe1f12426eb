using Arc.Domain.Common;

namespace Arc.Domain.Search;

/// <summary>
/// One kind of result of the app-bar search. A new kind (fleets, recalls) is one class implementing this: the domain
/// registers every implementation it finds, and <see cref="SearchPortal"/> asks each one the caller may read.
/// </summary>
public interface ISearchKind
{
    /// <summary>Where the kind's results come in the list; lower first.</summary>
    int Order { get; }

    /// <summary>Every permission a caller must hold for this kind to be searched at all (the ones its list and page need).</summary>
    IReadOnlyList<string> Permissions { get; }

    /// <summary>
    /// At most <paramref name="limit"/> hits, best first, among the rows <paramref name="username"/> may see. Called only
    /// for callers holding <see cref="Permissions"/>; resource rules (such as the authority subtree) are the kind's to apply.
    /// </summary>
    Task<IReadOnlyList<SearchHit>> FindAsync(IArcData data, SearchTerm term, string username, int limit, CancellationToken ct);
}
