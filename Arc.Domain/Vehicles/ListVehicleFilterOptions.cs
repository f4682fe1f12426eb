using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Vehicles;

public sealed record FilterOption(int Id, string Name, int? ParentId = null);

public sealed record VehicleFilterOptions(
    IReadOnlyList<FilterOption> Models, IReadOnlyList<FilterOption> Releases, IReadOnlyList<FilterOption> Fleets);

/// <summary>The choices for the vehicle list's model, release and fleet filters.</summary>
public sealed class ListVehicleFilterOptions(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<VehicleFilterOptions> HandleAsync(CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.VehicleRead, ct);
        await using var data = dataFactory.Open();
        var models = await data.ListAsync(
            data.VehicleModels.OrderBy(m => m.ModelName).Select(m => new FilterOption(m.Id, m.ModelName, null)), ct);
        var releases = await data.ListAsync(
            data.ModelReleases.OrderBy(r => r.Description).Select(r => new FilterOption(r.ModelReleaseId, r.Description, r.ModelId)), ct);
        var fleets = await data.ListAsync(
            data.Fleets.OrderBy(f => f.Name).Select(f => new FilterOption(f.Id, f.Name, null)), ct);
        return new VehicleFilterOptions(models, releases, fleets);
    }
}
