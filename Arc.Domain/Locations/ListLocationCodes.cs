using Arc.Domain.Common;

namespace Arc.Domain.Locations;

public sealed record LocationCodeView(int Id, string Code, int Locations);

/// <summary>The accounting location codes in order, with how many locations use each; any signed-in user may read them.</summary>
public sealed class ListLocationCodes(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<IReadOnlyList<LocationCodeView>> HandleAsync(CancellationToken ct = default)
    {
        await user.RequireSignedInAsync(ct);
        await using var data = dataFactory.Open();
        return await data.ListAsync(data.AccountingLocationCodes.OrderBy(c => c.Code)
            .Select(c => new LocationCodeView(c.Id, c.Code, data.Locations.Count(l => l.AccountingLocationCodeId == c.Id))), ct);
    }
}
