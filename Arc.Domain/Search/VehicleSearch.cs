using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Search;

/// <summary>
/// Vehicles whose VIN contains the term, as the vehicle list's VIN filter finds them (the trigram index serves the
/// substring). Stored VINs carry the environment prefix, so part of a VIN matches with or without <c>DEV-</c>.
/// </summary>
public sealed class VehicleSearch : ISearchKind
{
    public int Order => 10;

    public IReadOnlyList<string> Permissions { get; } = [Perm.VehicleRead];

    public async Task<IReadOnlyList<SearchHit>> FindAsync(IArcData data, SearchTerm term, string username, int limit, CancellationToken ct)
    {
        // Text that cannot be part of a VIN (an email, a name with spaces) is another kind's business, not an error.
        var vin = term.Text.ToUpperInvariant();
        if (!vin.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '-'))
            return [];
        var rows = await data.ListAsync(data.Vehicles.Where(v => v.Vin.Contains(vin)).OrderBy(v => v.Vin).Take(limit)
            .Select(v => new
            {
                v.Vin,
                Model = v.ModelRelease == null || v.ModelRelease.Model == null ? null : v.ModelRelease.Model.ModelName,
                Release = v.ModelRelease == null ? null : v.ModelRelease.Description,
            }), ct);
        return rows.Select(r => new SearchHit("Vehicle", r.Vin, r.Release ?? r.Model, $"vehicles/{Uri.EscapeDataString(r.Vin)}")).ToList();
    }
}
