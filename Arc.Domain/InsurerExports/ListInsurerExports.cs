using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.InsurerExports;

/// <summary>The insurer exports, newest month first, three years at most (fleets.yrisk.read).</summary>
public sealed class ListInsurerExports(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public const int MaxMonths = 36;

    public async Task<IReadOnlyList<InsurerExportView>> HandleAsync(CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.InsurerExportRead, ct);
        await using var data = dataFactory.Open();
        return (await data.ListAsync(data.InsurerExports.OrderByDescending(e => e.Year).ThenByDescending(e => e.Month).Take(MaxMonths), ct))
            .Select(InsurerExportView.Of).ToList();
    }
}
