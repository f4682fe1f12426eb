using System.Text.Json;

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
