using System.Globalization;
using System.Text;
using Arc.Domain.Common;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Provisioning;

public sealed record BulkRow(int Line, string Vin, int ModelReleaseId, VehicleOptions Options, bool ManagedSessionMode);

public sealed record BulkRowCheck(int Line, string Text, string? Vin, bool Ok, string? Problem, bool AlreadyProvisioned, BulkRow? Row);

public sealed record BulkPlan(IReadOnlyList<BulkRowCheck> Rows)
{
    public int Accepted => Rows.Count(r => r.Ok);
    public int Rejected => Rows.Count(r => !r.Ok);
}

/// <summary>
/// Reads a bulk-provisioning CSV: a header row naming <c>vin</c> and <c>model_release_id</c>, optionally
/// <c>heated_seats</c>, <c>heated_grips</c>, <c>stereo_enabled</c> and <c>managed_session_mode</c> (true/false), then
/// one vehicle a row. Every row is checked on its own so the operator sees all problems at once; a file that cannot be
/// read as such a table is refused whole.
/// </summary>
public static class BulkProvisioningCsv
{
    public const int MaxBytes = 512 * 1024;
    public const int MaxRows = 5000;
    private static readonly string[] Required = ["vin", "model_release_id"];
    private static readonly string[] Known = ["vin", "model_release_id", "heated_seats", "heated_grips", "stereo_enabled", "managed_session_mode"];

    public static IReadOnlyList<(int Line, Dictionary<string, string> Cells)> Read(string text)
    {
        if (Encoding.UTF8.GetByteCount(text) > MaxBytes)
            throw new ValidationFailedException("file", $"A bulk file holds at most {MaxBytes / 1024} KB.");
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var headerLine = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (headerLine < 0)
            throw new ValidationFailedException("file", "The file is empty.");
        var header = Split(lines[headerLine]).Select(h => h.Trim().ToLowerInvariant()).ToList();
        var missing = Required.Where(r => !header.Contains(r)).ToList();
        if (missing.Count > 0)
            throw new ValidationFailedException("file", $"The header row must name {string.Join(" and ", Required)}; it lacks {string.Join(", ", missing)}.");
        var unknown = header.Where(h => !Known.Contains(h)).ToList();
        if (unknown.Count > 0)
            throw new ValidationFailedException("file", $"Unknown column(s): {string.Join(", ", unknown.Select(Shorten))}. Known: {string.Join(", ", Known)}.");
        if (header.Distinct().Count() != header.Count)
            throw new ValidationFailedException("file", "A column is named twice in the header row.");

        var rows = new List<(int, Dictionary<string, string>)>();
        for (var i = headerLine + 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
                continue;
            if (rows.Count == MaxRows)
                throw new ValidationFailedException("file", $"A bulk file holds at most {MaxRows} vehicles.");
            var cells = Split(lines[i]);
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var c = 0; c < header.Count; c++)
                row[header[c]] = c < cells.Count ? cells[c].Trim() : "";
            if (cells.Count > header.Count)
                row["__extra"] = "yes";
            rows.Add((i + 1, row));
        }
        if (rows.Count == 0)
            throw new ValidationFailedException("file", "The file has a header row but no vehicles.");
        return rows;
    }

    /// <summary>Checks each row: VIN, release, options, duplicates in the file, cells that a spreadsheet would run as a formula.</summary>
    public static BulkPlan Check(IReadOnlyList<(int Line, Dictionary<string, string> Cells)> rows, DeploymentEnvironment environment,
        IReadOnlyDictionary<int, string?> releaseLetters, IReadOnlySet<string> provisioned)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var checks = new List<BulkRowCheck>();
        foreach (var (line, cells) in rows)
        {
            var text = string.Join(",", cells.Where(c => c.Key != "__extra").Select(c => c.Value));
            string? Problem()
            {
                if (cells.ContainsKey("__extra"))
                    return "The row has more cells than the header has columns.";
                if (cells.Values.Any(v => v.Length > 0 && "=+-@\t\r".Contains(v[0], StringComparison.Ordinal)))
                    return "A cell starts with =, +, -, @ or a control character (a spreadsheet formula); it is refused.";
                if (!Vin.TryParse(cells["vin"], environment, out var vin, out var vinError))
                    return vinError;
                if (!int.TryParse(cells["model_release_id"], NumberStyles.None, CultureInfo.InvariantCulture, out var release) || !releaseLetters.TryGetValue(release, out var letter))
                    return $"Model release '{Shorten(cells["model_release_id"])}' does not exist.";
                if (letter is not null && letter != vin.ModelLetter.ToString())
                    return $"Model release {release} is for model letter {letter}, but the VIN's is {vin.ModelLetter}.";
                foreach (var flag in Known.Skip(2))
                {
                    if (cells.TryGetValue(flag, out var value) && value.Length > 0 && !bool.TryParse(value, out _))
                        return $"{flag} must be true or false, not '{Shorten(value)}'.";
                }
                if (seen.TryGetValue(vin.Value, out var first))
                    return $"{vin.Value} is already on line {first}.";
                return null;
            }
            var problem = Problem();
            Vin.TryParse(cells.GetValueOrDefault("vin"), environment, out var parsed, out _);
            if (problem is null && parsed is not null)
                seen[parsed.Value] = line;
            BulkRow? row = null;
            if (problem is null)
            {
                bool Flag(string key) => cells.TryGetValue(key, out var v) && v.Length > 0 && bool.Parse(v);
                row = new BulkRow(line, parsed!.Value, int.Parse(cells["model_release_id"], CultureInfo.InvariantCulture),
                    new VehicleOptions(Flag("heated_seats"), Flag("heated_grips"), Flag("stereo_enabled")), Flag("managed_session_mode"));
            }
            var already = parsed is not null && provisioned.Contains(parsed.Value);
            if (problem is null && already)
                problem = $"{parsed!.Value} is already provisioned; re-provision it from its own page.";
            checks.Add(new BulkRowCheck(line, Shorten(text), parsed?.Value, problem is null, problem, already, problem is null ? row : null));
        }
        return new BulkPlan(checks);
    }

    /// <summary>Splits one CSV line, honouring double-quoted cells with doubled quotes inside.</summary>
    private static List<string> Split(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                    quoted = false;
                else
                    cell.Append(c);
            }
            else if (c == '"')
                quoted = true;
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
                cell.Append(c);
        }
        if (quoted)
            throw new ValidationFailedException("file", "A quoted cell is not closed.");
        cells.Add(cell.ToString());
        return cells;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
