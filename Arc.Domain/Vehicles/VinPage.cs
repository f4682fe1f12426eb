using Arc.Domain.Common;

namespace Arc.Domain.Vehicles;

/// <summary>One page of a list of VINs, optionally those containing some text: the shape of every "vehicles of ..." list.</summary>
public static class VinPage
{
    public const int MaxFilterLength = 40;

    public static async Task<Page<string>> ReadAsync(IArcData data, IQueryable<string> vins, string? contains, int pageIndex, int pageSize,
        CancellationToken ct)
    {
        var (index, size) = Paging.Normalize(pageIndex, pageSize);
        var filter = (contains ?? "").Trim().ToUpperInvariant();
        if (filter.Length > MaxFilterLength)
            throw new ValidationFailedException("vin", $"A VIN search has at most {MaxFilterLength} characters.");
        if (filter.Length > 0)
            vins = vins.Where(v => v.Contains(filter));
        var total = await data.CountAsync(vins, ct);
        var items = await data.ListAsync(vins.OrderBy(v => v).Skip(index * size).Take(size), ct);
        return new Page<string>(items, total, index, size);
    }
}
