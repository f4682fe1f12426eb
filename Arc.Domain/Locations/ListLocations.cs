using Arc.Domain.Common;

namespace Arc.Domain.Locations;

public sealed record LocationQuery(string? Search = null, string? Country = null, int PageIndex = 0, int PageSize = 20);

/// <summary>
/// The locations by name, a page at a time, filtered by a text found in the name, city or accounting code and by country.
/// Any signed-in user may read them (see <see cref="GetLocation"/>).
/// </summary>
public sealed class ListLocations(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public const int MaxSearchLength = 100;

    public async Task<Page<LocationView>> HandleAsync(LocationQuery query, CancellationToken ct = default)
    {
        await user.RequireSignedInAsync(ct);
        var (index, size) = Paging.Normalize(query.PageIndex, query.PageSize);
        if (query.Search is { Length: > MaxSearchLength })
            throw new ValidationFailedException("search", $"A search has at most {MaxSearchLength} characters.");
        var country = LocationRules.Country(query.Country);
        await using var data = dataFactory.Open();
        var locations = data.Locations;
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLowerInvariant();
            locations = locations.Where(l => l.Name.ToLower().Contains(term) || (l.City != null && l.City.ToLower().Contains(term))
                || data.AccountingLocationCodes.Any(c => c.Id == l.AccountingLocationCodeId && c.Code.ToLower().Contains(term)));
        }
        if (country is not null)
            locations = locations.Where(l => l.Country == country);
        var total = await data.CountAsync(locations, ct);
        var rows = await data.ListAsync(LocationViews.Project(data, locations.OrderBy(l => l.Name).ThenBy(l => l.Id).Skip(index * size).Take(size)), ct);
        return new Page<LocationView>(rows, total, index, size);
    }
}
