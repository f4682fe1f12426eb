using System.Globalization;
using System.Text;
using Arc.Domain.Common;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Provisioning;

/// <summary>A model release as a bulk file may name it: by id, or by its name (the release's description).</summary>
public sealed record BulkRelease(int Id, string Name, string? ModelName, string? ModelLetter);

/// <summary>
/// Reads a bulk-provisioning CSV: a header row naming <c>vin</c> and the model release, by id
/// (<c>model_release_id</c>) or by name (<c>model_release</c>), optionally <c>heated_seats</c>, <c>heated_grips</c>,
/// <c>stereo_enabled</c> and <c>managed_session_mode</c> (true/false), then one vehicle a row. Every row is checked on
/// its own so the operator sees all problems at once; a file that cannot be read as such a table is refused whole.
/// </summary>
public static partial class BulkProvisioningCsv
{
    public const int MaxBytes = 512 * 1024;
    public const int MaxRows = 5000;
    public const string VinColumn = "vin";
    public const string ReleaseIdColumn = "model_release_id";
    public const string ReleaseNameColumn = "model_release";

    /// <summary>The options, each true or false; an empty cell is false.</summary>
    public static readonly IReadOnlyList<string> Flags = ["heated_seats", "heated_grips", "stereo_enabled", "managed_session_mode"];

    /// <summary>Every column a file may have, in the template's order.</summary>
    public static readonly IReadOnlyList<string> Columns = [VinColumn, ReleaseIdColumn, ReleaseNameColumn, .. Flags];

    public static IReadOnlyList<(int Line, Dictionary<string, string> Cells)> Read(string text)
    {
        if (Encoding.UTF8.GetByteCount(text) > MaxBytes)
            throw new ValidationFailedException("file", $"A bulk file holds at most {MaxBytes / 1024} KB.");
        // A spreadsheet saving "CSV UTF-8" starts the file with a byte-order mark; it is not part of the first column's name.
        text = text.TrimStart('\uFEFF');
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var headerLine = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (headerLine < 0)
            throw new ValidationFailedException("file", "The file is empty.");
        var header = Csv.SplitLine(lines[headerLine], "file", UnclosedQuote).Select(h => h.Trim().ToLowerInvariant()).ToList();
        var missing = new List<string>();
        if (!header.Contains(VinColumn))
            missing.Add(VinColumn);
        if (!header.Contains(ReleaseIdColumn) && !header.Contains(ReleaseNameColumn))
            missing.Add($"{ReleaseIdColumn} (or {ReleaseNameColumn})");
        if (missing.Count > 0)
            throw new ValidationFailedException("file",
                $"The header row must name {VinColumn} and the model release ({ReleaseIdColumn} or {ReleaseNameColumn}); it lacks {string.Join(" and ", missing)}.");
        var unknown = header.Where(h => !Columns.Contains(h)).ToList();
        if (unknown.Count > 0)
            throw new ValidationFailedException("file", $"Unknown column(s): {string.Join(", ", unknown.Select(Shorten))}. Known: {string.Join(", ", Columns)}.");
        if (header.Distinct().Count() != header.Count)
            throw new ValidationFailedException("file", "A column is named twice in the header row.");

        var rows = new List<(int, Dictionary<string, string>)>();
        for (var i = headerLine + 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
                continue;
            if (rows.Count == MaxRows)
                throw new ValidationFailedException("file", $"A bulk file holds at most {MaxRows} vehicles.");
            var cells = Csv.SplitLine(lines[i], "file", UnclosedQuote);
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var c = 0; c < header.Count; c++)
                row[header[c]] = c < cells.Count ? cells[c].Trim() : "";
            if (cells.Count > header.Count)
                row[ExtraCells] = "yes";
            rows.Add((i + 1, row));
        }
        if (rows.Count == 0)
            throw new ValidationFailedException("file", "The file has a header row but no vehicles.");
        return rows;
    }

    /// <summary>
    /// A file to start from: the header row with every column and one example row, a well-formed VIN of this
    /// environment with the model release's id and name, so that replacing the VIN gives a file that passes the checks.
    /// </summary>
    public static string Template(DeploymentEnvironment environment, BulkRelease? example)
    {
        if (example is null)
            return Csv.Write(Columns.ToList(), []);
        var letter = example.ModelLetter is { Length: 1 } l ? l[0] : 'T';
        var chars = $"7F7A{letter}R310PER90001".ToCharArray();
        chars[8] = Vin.ComputeCheckDigit(new string(chars));
        var vin = environment.VinPrefix() + new string(chars);
        return Csv.Write(Columns.ToList(), [[vin, example.Id.ToString(CultureInfo.InvariantCulture), example.Name, "true", "false", "false", "false"]]);
    }

    private const string ExtraCells = "__extra";
    private const string UnclosedQuote = "A quoted cell is not closed.";

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
