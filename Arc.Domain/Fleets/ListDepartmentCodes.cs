using Arc.Domain.Common;

namespace Arc.Domain.Fleets;

public sealed record DepartmentCodeView(int Id, string Code, string Description, int Fleets);

/// <summary>
/// The department codes in order, with how many fleets are booked to each. Any signed-in user may read them, so that
/// those who manage codes (and hold no fleet permission) see what they manage: docs/decisions/0031.
/// </summary>
public sealed class ListDepartmentCodes(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<IReadOnlyList<DepartmentCodeView>> HandleAsync(CancellationToken ct = default)
    {
        await user.RequireSignedInAsync(ct);
        await using var data = dataFactory.Open();
        return await data.ListAsync(data.DepartmentCodes.OrderBy(c => c.Code)
            .Select(c => new DepartmentCodeView(c.Id, c.Code, c.Description, data.Fleets.Count(f => f.DepartmentCodeId == c.Id))), ct);
    }
}
