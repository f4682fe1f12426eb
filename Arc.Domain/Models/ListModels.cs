using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Models;

public sealed record ModelRow(int Id, string ModelName, string LetterCode, string? Description, DateTimeOffset Created, int ReleaseCount);

/// <summary>The vehicle models (spec/portal.md <c>/models</c>), with how many releases each has; needs vehicles.vehicle.read.</summary>
public sealed class ListModels(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<IReadOnlyList<ModelRow>> HandleAsync(CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.VehicleRead, ct);
        await using var data = dataFactory.Open();
        return await data.ListAsync(data.VehicleModels.OrderBy(m => m.Id).Select(m => new ModelRow(m.Id, m.ModelName, m.LetterCode, m.Description, m.Created,
            data.ModelReleases.Count(r => r.ModelId == m.Id))), ct);
    }
}
