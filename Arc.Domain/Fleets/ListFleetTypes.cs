using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Fleets;

public sealed record FleetTypeView(int Id, string Name);

/// <summary>The fleet types: internal, pilot, rental (permission fleets.group.read).</summary>
public sealed class ListFleetTypes(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<IReadOnlyList<FleetTypeView>> HandleAsync(CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.FleetRead, ct);
        await using var data = dataFactory.Open();
        return await data.ListAsync(data.FleetTypes.OrderBy(t => t.Id).Select(t => new FleetTypeView(t.Id, t.Name)), ct);
    }
}
