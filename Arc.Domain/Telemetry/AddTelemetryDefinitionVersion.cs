using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Telemetry;

/// <summary>
/// Reads a definitions file in the vehicles' own format (spec/backend.md §6.2, <c>metrics.json</c>): an object whose
/// keys are point names and whose values say how to decode each point from CAN. Every problem is reported with the
/// point it is on; a file with any problem yields no points.
/// </summary>
public static partial class MetricsFile
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxPoints = 2000;
    public const int MaxReportedProblems = 20;

    private static readonly HashSet<string> Fields = ["address", "byte_list", "type", "report", "scale", "offset"];
    private static readonly HashSet<string> ByteFields = ["byte_num", "start_bit", "num_bits"];

    /// <param name="known">The current definitions, whose groups and units carry over to points of the same name or address.</param>
    public static (IReadOnlyList<PointDefinition> Points, IReadOnlyList<string> Problems) Read(string text, IReadOnlyList<PointDefinition> known)
    {
        var problems = new List<string>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            return ([], [$"The file is not valid JSON (line {e.LineNumber + 1}): {FirstSentence(e.Message)}"]);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return ([], ["The file must be one JSON object whose keys are point names, as metrics.json is."]);
            var count = document.RootElement.EnumerateObject().Count();
            if (count == 0)
                return ([], ["The file names no point."]);
            if (count > MaxPoints)
                return ([], [$"The file names {count} points; a version holds at most {MaxPoints}."]);

            var byName = known.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var groupByAddress = known.Where(p => p.Address is not null).GroupBy(p => p.Address!.Value).ToDictionary(g => g.Key, g => g.First().Group);
            var sensorsGroup = known.FirstOrDefault(p => p.Address is null)?.Group ?? "(no CAN address)";
            var points = new List<PointDefinition>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (problems.Count >= MaxReportedProblems)
                    break;
                var name = property.Name;
                var shown = name.Length > 40 ? name[..40] + "…" : name;
                if (!PointName().IsMatch(name))
                {
                    problems.Add($"'{shown}' is not a point name (lower-case letters, digits and underscores, starting with a letter).");
                    continue;
                }
                if (!seen.Add(name))
                {
                    problems.Add($"{name}: named twice.");
                    continue;
                }
                if (Point(name, property.Value, problems) is { } point)
                {
                    point.Group = byName.TryGetValue(name, out var same) && same.Address == point.Address
                        ? same.Group
                        : point.Address is { } a ? groupByAddress.GetValueOrDefault(a, $"0x{a:X3}") : sensorsGroup;
                    point.Unit = byName.GetValueOrDefault(name)?.Unit;
                    points.Add(point);
                }
            }
            return problems.Count > 0 ? ([], problems) : (points, problems);
        }
    }

    private static PointDefinition? Point(string name, JsonElement value, List<string> problems)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{name}: must be an object such as {{\"address\": 268, \"type\": \"float\"}}.");
            return null;
        }
        var before = problems.Count;
        foreach (var field in value.EnumerateObject().Where(f => !Fields.Contains(f.Name)))
            problems.Add($"{name}: unknown field '{(field.Name.Length > 30 ? field.Name[..30] + "…" : field.Name)}' (known: {string.Join(", ", Fields)}).");

        int? address = null;
        if (value.TryGetProperty("address", out var a) && a.ValueKind != JsonValueKind.Null)
        {
            if (a.ValueKind == JsonValueKind.Number && a.TryGetInt32(out var id) && id is >= 0 and <= 0x1FFFFFFF)
                address = id;
            else
                problems.Add($"{name}: address must be a CAN id, a whole number from 0 to 536870911 (or null for the Comm module's sensors).");
        }
        var type = "bool";
        if (value.TryGetProperty("type", out var t) && t.ValueKind != JsonValueKind.Null)
        {
            if (t.ValueKind == JsonValueKind.String && t.GetString() is "int" or "float" or "string")
                type = t.GetString()!;
            else
                problems.Add($"{name}: type must be \"int\", \"float\" or \"string\" (leave it out for a single bit).");
        }
        string? report = null;
        if (value.TryGetProperty("report", out var r) && r.ValueKind != JsonValueKind.Null)
        {
            if (r.ValueKind == JsonValueKind.String && r.GetString() is "avg" or "nz")
                report = r.GetString();
            else
                problems.Add($"{name}: report must be \"avg\" or \"nz\" (leave it out to report the latest value).");
        }
        var scale = Number(name, value, "scale", 1, problems);
        if (scale == 0)
            problems.Add($"{name}: scale divides the raw value, so it cannot be 0.");
        var offset = Number(name, value, "offset", 0, problems);
        var byteList = ByteList(name, value, problems);
        return problems.Count > before
            ? null
            : new PointDefinition { Name = name, Address = address, Group = "", Type = type, Report = report, Scale = scale, Offset = offset, ByteList = byteList };
    }

    private static double Number(string name, JsonElement value, string field, double fallback, List<string> problems)
    {
        if (!value.TryGetProperty(field, out var n) || n.ValueKind == JsonValueKind.Null)
            return fallback;
        if (n.ValueKind == JsonValueKind.Number && n.TryGetDouble(out var number) && double.IsFinite(number))
            return number;
        problems.Add($"{name}: {field} must be a number.");
        return fallback;
    }

    private static string? ByteList(string name, JsonElement value, List<string> problems)
    {
        if (!value.TryGetProperty("byte_list", out var list) || list.ValueKind == JsonValueKind.Null)
            return null;
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() is 0 or > 8)
        {
            problems.Add($"{name}: byte_list must be a list of 1 to 8 entries such as {{\"byte_num\": 0, \"start_bit\": 0, \"num_bits\": 8}}.");
            return null;
        }
        var entries = new List<int[]>();
        foreach (var entry in list.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || entry.EnumerateObject().Any(f => !ByteFields.Contains(f.Name)))
            {
                problems.Add($"{name}: each byte_list entry holds only byte_num, start_bit and num_bits.");
                return null;
            }
            int Field(string field, int fallback, int min, int max)
            {
                if (!entry.TryGetProperty(field, out var f))
                    return fallback;
                if (f.ValueKind == JsonValueKind.Number && f.TryGetInt32(out var v) && v >= min && v <= max)
                    return v;
                problems.Add($"{name}: {field} must be a whole number from {min} to {max}.");
                return fallback;
            }
            entries.Add([Field("byte_num", 0, 0, 63), Field("start_bit", 0, 0, 7), Field("num_bits", 1, 1, 64)]);
        }
        // Stored in the file's own shape, with the defaults written out.
        return JsonSerializer.Serialize(entries.Select(e => new Dictionary<string, int> { ["byte_num"] = e[0], ["start_bit"] = e[1], ["num_bits"] = e[2] }));
    }

    private static string FirstSentence(string message) =>
        message.Split(". ", 2)[0].TrimEnd('.') + ".";

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex PointName();
}

/// <summary>
/// Adds a version of the telemetry definitions from a metrics.json file (spec add_telemetry_definition,
/// telemetry.definition.write). Vehicles move to it one by one through their telemetry configuration. The old system
/// allowed this in production only, because every environment shared one S3 object; here each environment keeps its
/// own catalogue, so the permission alone decides.
/// </summary>
public sealed partial class AddTelemetryDefinitionVersion(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task<int> HandleAsync(string? name, string? description, string fileName, byte[] content, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.TelemetryDefinitionWrite, ct);
        var label = (name ?? "").Trim();
        if (!VersionName().IsMatch(label))
            throw new ValidationFailedException("name", "Name the version with 1 to 40 letters, digits, dots, dashes or underscores, e.g. 2026-11 or 406.");
        var about = (description ?? "").Trim();
        if (about.Length is 0 or > 200)
            throw new ValidationFailedException("description", "Describe the version in 1 to 200 characters.");
        if (content.Length > MetricsFile.MaxBytes)
            throw new ValidationFailedException("file", $"{fileName} is {content.Length / 1024:N0} KB; a definitions file holds at most {MetricsFile.MaxBytes / 1024:N0} KB.");

        await using var data = dataFactory.Open();
        if (await data.AnyAsync(data.TelemetryDefinitionVersions.Where(v => v.Name == label), ct))
            throw new ValidationFailedException("name", $"There is already a version named {label}.");
        var current = await data.ListAsync(data.PointDefinitions.Where(p => data.TelemetryDefinitionVersions.Any(v => v.Id == p.VersionId && v.IsDefault)), ct);
        string text;
        try
        {
            text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new ValidationFailedException("file", $"{fileName} is not UTF-8 text.");
        }
        var (points, problems) = MetricsFile.Read(text, current);
        if (problems.Count > 0)
            throw new ValidationFailedException("file", $"{fileName} was not accepted: {string.Join(" ", problems)}", problems);

        // The version and its points are saved together: a failure leaves no half-filled version behind.
        var version = new TelemetryDefinitionVersion { Name = label, Description = about, Created = time.GetUtcNow() };
        version.Points.AddRange(points);
        data.Add(version);
        audit.Record(data, actor, AuditActions.TelemetryDefinitionAdded, AuditEntityTypes.System, label,
            new { version = label, points = points.Count, file = fileName.Length > 100 ? fileName[..100] : fileName });
        await data.SaveChangesAsync(ct);
        return version.Id;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,40}$")]
    private static partial Regex VersionName();
}
