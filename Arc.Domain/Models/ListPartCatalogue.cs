using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Models;

public sealed record PartTypeRow(string Name, bool Current, int PartCount);

public sealed record CataloguePartRow(string PartType, string PartNumber, string? Description, DateTimeOffset Created, int ReleaseCount);

public sealed record PartCatalogue(IReadOnlyList<PartTypeRow> Types, IReadOnlyList<CataloguePartRow> Parts);

/// <summary>The part types and the part numbers known for each (vehicles_firmware_components_list's neighbours); needs vehicles.vehicle.read.</summary>
public sealed class ListPartCatalogue(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<PartCatalogue> HandleAsync(CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.VehicleRead, ct);
        await using var data = dataFactory.Open();
        var types = await data.ListAsync(data.PartTypes.OrderByDescending(t => t.Current).ThenBy(t => t.Name)
            .Select(t => new PartTypeRow(t.Name, t.Current, data.CatalogueParts.Count(p => p.PartType == t.Name))), ct);
        var parts = await data.ListAsync(data.CatalogueParts.OrderBy(p => p.PartType).ThenBy(p => p.PartNumber)
            .Select(p => new CataloguePartRow(p.PartType, p.PartNumber, p.Description, p.Created,
                data.ModelParts.Count(m => m.PartType == p.PartType && m.PartNumber == p.PartNumber))), ct);
        return new PartCatalogue(types, parts);
    }
}
