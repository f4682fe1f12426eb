using Arc.Domain.Common;

namespace Arc.Domain.Locations;

/// <summary>The ISO 3166 countries by name, for the country pickers of any signed-in user.</summary>
public sealed class ListCountries(ICurrentUser user) : IUseCase
{
    private static readonly IReadOnlyList<Country> ByName = Countries.All.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();

    public async Task<IReadOnlyList<Country>> HandleAsync(CancellationToken ct = default)
    {
        await user.RequireSignedInAsync(ct);
        return ByName;
    }
}
