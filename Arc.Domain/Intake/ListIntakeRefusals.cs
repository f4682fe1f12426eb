using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Intake;

public sealed record IntakeRefusalQuery(string? Vin = null, int PageIndex = 0, int PageSize = 25);

/// <summary>The refused messages kept for the intake page, newest first, each with its reason.</summary>
public sealed class ListIntakeRefusals(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<Page<IntakeRefusal>> HandleAsync(IntakeRefusalQuery query, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.IntakeRead, ct);
        var (index, size) = Paging.Normalize(query.PageIndex, query.PageSize);
        if (query.Vin is { Length: > 40 })
            throw new ValidationFailedException("vin", "A VIN has at most 40 characters with its prefix.");
        await using var data = dataFactory.Open();
        var rows = data.IntakeRefusals;
        if (!string.IsNullOrWhiteSpace(query.Vin))
        {
            var vin = query.Vin.Trim().ToUpperInvariant();
            rows = rows.Where(r => r.Vin != null && r.Vin.Contains(vin));
        }
        var total = await data.CountAsync(rows, ct);
        var page = await data.ListAsync(rows.OrderByDescending(r => r.Id).Skip(index * size).Take(size), ct);
        return new Page<IntakeRefusal>(page, total, index, size);
    }
}
