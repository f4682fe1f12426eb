using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Telemetry;

public sealed record DefinitionVersionView(int Id, string Name, string Description, bool IsDefault, int Points);

public sealed record DefinitionCatalogue(IReadOnlyList<DefinitionVersionView> Versions, int VersionId, IReadOnlyList<PointDefinition> Points);

/// <summary>The point catalogue to browse (telemetry.metrics.read): one version's points, optionally filtered by name or group.</summary>
public sealed class ListTelemetryDefinitions(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public const int MaxSearchLength = 60;

    public async Task<DefinitionCatalogue> HandleAsync(int? versionId = null, string? search = null, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.TelemetryMetricsRead, ct);
        if (search is { Length: > MaxSearchLength })
            throw new ValidationFailedException("search", $"A search has at most {MaxSearchLength} characters.");
        await using var data = dataFactory.Open();
        var versions = await data.ListAsync(data.TelemetryDefinitionVersions.OrderByDescending(v => v.IsDefault).ThenBy(v => v.Id)
            .Select(v => new DefinitionVersionView(v.Id, v.Name, v.Description, v.IsDefault, data.PointDefinitions.Count(p => p.VersionId == v.Id))), ct);
        var version = versionId ?? versions.FirstOrDefault()?.Id ?? 0;
        if (versions.All(v => v.Id != version))
            throw new NotFoundException("Telemetry definition version", version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var points = data.PointDefinitions.Where(p => p.VersionId == version);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            points = points.Where(p => p.Name.Contains(term) || p.Group.ToLower().Contains(term));
        }
        return new DefinitionCatalogue(versions, version, await data.ListAsync(points.OrderBy(p => p.Address ?? int.MaxValue).ThenBy(p => p.Name), ct));
    }
}
