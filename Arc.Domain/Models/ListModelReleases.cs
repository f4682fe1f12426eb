using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Models;

public sealed record ReleasePart(string PartType, string PartNumber);

public sealed record ModelReleaseRow(int ModelReleaseId, int? ModelId, string? ModelName, string Description, DateTimeOffset Created,
    IReadOnlyList<ReleasePart> Parts);

/// <summary>
/// The model releases with their bills of parts (vehicles_model_releases_list), newest first, optionally of one model;
/// needs vehicles.vehicle.read.
/// </summary>
public sealed class ListModelReleases(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<IReadOnlyList<ModelReleaseRow>> HandleAsync(int? modelId = null, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.VehicleRead, ct);
        await using var data = dataFactory.Open();
        return await ReadAsync(data, modelId, ct);
    }

    internal static async Task<IReadOnlyList<ModelReleaseRow>> ReadAsync(IArcData data, int? modelId, CancellationToken ct)
    {
        var releases = data.ModelReleases.AsQueryable();
        if (modelId is { } id)
            releases = releases.Where(r => r.ModelId == id);
        var heads = await data.ListAsync(releases.OrderByDescending(r => r.Created).ThenByDescending(r => r.ModelReleaseId)
            .Select(r => new { r.ModelReleaseId, r.ModelId, ModelName = r.Model == null ? null : r.Model.ModelName, r.Description, r.Created }), ct);
        var ids = heads.Select(h => h.ModelReleaseId).ToList();
        var parts = (await data.ListAsync(data.ModelParts.Where(p => ids.Contains(p.ModelReleaseId)), ct))
            .ToLookup(p => p.ModelReleaseId);
        return heads.Select(h => new ModelReleaseRow(h.ModelReleaseId, h.ModelId, h.ModelName, h.Description, h.Created,
            parts[h.ModelReleaseId].OrderBy(p => p.PartType, StringComparer.Ordinal).Select(p => new ReleasePart(p.PartType, p.PartNumber)).ToList())).ToList();
    }
}
