using System.Text.Json;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Telemetry;

/// <summary>A version of the telemetry definitions (spec metrics.json; the old system used the S3 version id).</summary>
public class TelemetryDefinitionVersion
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Description { get; set; }
    public bool IsDefault { get; set; }
    public DateTimeOffset Created { get; set; }
    public List<PointDefinition> Points { get; set; } = [];
}

/// <summary>How a vehicle decodes one point from CAN and how it is aggregated (spec/backend.md §6.2).</summary>
public class PointDefinition
{
    public int VersionId { get; set; }
    public required string Name { get; set; }
    /// <summary>The CAN frame id (decimal), or null for the Comm module's own sensors.</summary>
    public int? Address { get; set; }
    public required string Group { get; set; }
    /// <summary><c>bool</c>, <c>int</c>, <c>float</c> or <c>string</c>.</summary>
    public required string Type { get; set; }
    /// <summary><c>avg</c>, <c>nz</c> (highest, for faults) or null (latest).</summary>
    public string? Report { get; set; }
    public double Scale { get; set; } = 1;
    public double Offset { get; set; }
    public string? Unit { get; set; }
    /// <summary>Where the value sits in the CAN frame, as the file gave it (JSON: byte_num, start_bit, num_bits), when known.</summary>
    public string? ByteList { get; set; }
}

/// <summary>The catalogue shipped with the portal: the current definitions (206 points) and the legacy version 405 (75 points).</summary>
public static class TelemetryCatalogue
{
    public const string Current = "current";
    public const string Legacy405 = "405";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Entry(string Name, int? Address, string Group, string Type, string? Report, double Scale, double Offset, string? Unit, bool Legacy405);

    public static IReadOnlyList<(TelemetryDefinitionVersion Version, IReadOnlyList<PointDefinition> Points)> Versions()
    {
        using var stream = typeof(TelemetryCatalogue).Assembly.GetManifestResourceStream("Arc.Domain.Telemetry.metrics.json")
            ?? throw new InvalidOperationException("The telemetry catalogue is missing from the build.");
        var entries = JsonSerializer.Deserialize<List<Entry>>(stream, Json)!;
        PointDefinition Definition(Entry e) => new()
        {
            Name = e.Name, Address = e.Address, Group = e.Group, Type = e.Type, Report = e.Report, Scale = e.Scale, Offset = e.Offset, Unit = e.Unit,
        };
        return
        [
            (new TelemetryDefinitionVersion { Name = Current, Description = "Current definitions (metrics.json)", IsDefault = true },
                entries.Select(Definition).ToList()),
            (new TelemetryDefinitionVersion { Name = Legacy405, Description = "Legacy definitions (metrics.405.json)" },
                entries.Where(e => e.Legacy405).Select(Definition).ToList()),
        ];
    }
}

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
