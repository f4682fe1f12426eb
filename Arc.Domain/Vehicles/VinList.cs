using System.Globalization;
using System.Text;
using Arc.Domain.Common;

namespace Arc.Domain.Vehicles;

/// <summary>
/// Reads a list of VINs as a person pastes it (one a line, or separated by commas, semicolons or blanks) or as a CSV
/// file with a header row naming a <c>vin</c> column (other columns are ignored), and checks every entry so that the
/// whole list's problems can be shown at once: malformed VINs, VINs listed twice and cells a spreadsheet would run as a
/// formula. Fleets and recalls both take their bulk lists through here; each sets its own size limits.
/// </summary>
public static class VinList
{
    public const string VinColumn = "vin";
    private const string FormulaStarts = "=+-@\t\r";

    public sealed record Entry(int Line, string Text);

    /// <summary>The VINs read well, each with the line it came from (duplicates kept), and every problem found.</summary>
    public sealed record Checked(IReadOnlyList<(int Line, string Vin)> Parsed, IReadOnlyList<string> Problems)
    {
        /// <summary>The distinct VINs, in the order first listed.</summary>
        public IReadOnlyList<string> Vins { get; } = Parsed.Select(p => p.Vin).Distinct(StringComparer.Ordinal).ToList();
    }

    public static IReadOnlyList<Entry> Read(string? text, int maxVins, int maxBytes)
    {
        text ??= "";
        // A cheap bound first, so that an enormous paste is refused before it is measured in bytes.
        if (text.Length > maxBytes || Encoding.UTF8.GetByteCount(text) > maxBytes)
            throw new ValidationFailedException("vins", $"A VIN list holds at most {(maxBytes / 1024).ToString("N0", CultureInfo.InvariantCulture)} KB.");
        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var first = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (first < 0)
            throw new ValidationFailedException("vins", "Paste at least one VIN, or choose a CSV file with a vin column.");
        var header = Csv.SplitLine(lines[first], "vins", $"Line {first + 1}: a quoted cell is not closed.");
        var column = header.FindIndex(h => string.Equals(h.Trim(), VinColumn, StringComparison.OrdinalIgnoreCase));
        var entries = new List<Entry>();
        for (var i = column >= 0 ? first + 1 : first; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
                continue;
            var cells = Csv.SplitLine(lines[i], "vins", $"Line {i + 1}: a quoted cell is not closed.");
            if (column >= 0)
            {
                // Any cell of the row can run in the spreadsheet that opens the file again, not only the VIN.
                var formula = cells.FirstOrDefault(IsFormula);
                entries.Add(new Entry(i + 1, formula ?? (column < cells.Count ? cells[column].Trim() : "")));
            }
            else
            {
                foreach (var cell in cells)
                {
                    // Blanks and tabs separate pasted VINs, but a formula stays whole so it is reported once.
                    var trimmed = cell.Trim(' ', '\t');
                    var tokens = trimmed.Length > 0 && IsFormula(trimmed) ? [trimmed] : trimmed.Split([' ', '\t', ';'], StringSplitOptions.RemoveEmptyEntries);
                    entries.AddRange(tokens.Select(t => new Entry(i + 1, t)));
                }
            }
            if (entries.Count > maxVins)
                throw new ValidationFailedException("vins", $"A VIN list holds at most {maxVins} vehicles.");
        }
        if (entries.Count == 0)
            throw new ValidationFailedException("vins", "The file has a header row but no VINs.");
        return entries;
    }

    /// <summary>Checks each entry's form and lists VINs given twice; which vehicles exist is the caller's question.</summary>
    public static Checked Check(IReadOnlyList<Entry> entries, DeploymentEnvironment environment)
    {
        var problems = new List<string>();
        var parsed = new List<(int Line, string Vin)>(entries.Count);
        foreach (var entry in entries)
        {
            if (IsFormula(entry.Text))
                problems.Add($"Line {entry.Line}: '{Shorten(entry.Text)}' starts with =, +, -, @ or a control character (a spreadsheet formula); it is refused.");
            else if (entry.Text.Length == 0)
                problems.Add($"Line {entry.Line}: the vin cell is empty.");
            else if (!Vin.TryParse(entry.Text, environment, out var vin, out var error))
                problems.Add($"Line {entry.Line}: '{Shorten(entry.Text)}': {error}");
            else
                parsed.Add((entry.Line, vin.Value));
        }
        foreach (var twice in parsed.GroupBy(p => p.Vin, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add($"{twice.Key} is listed {twice.Count()} times (lines {Enumerate(twice.Select(p => p.Line).ToList())}); list it once.");
        return new Checked(parsed, problems);
    }

    /// <summary>The line each VIN was first listed on, for messages about it.</summary>
    public static Dictionary<string, int> FirstLines(Checked list)
    {
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, vin) in list.Parsed)
            lines.TryAdd(vin, line);
        return lines;
    }

    public static bool IsFormula(string cell)
    {
        var text = cell.TrimStart(' ');
        return text.Length > 0 && FormulaStarts.Contains(text[0], StringComparison.Ordinal);
    }

    private static string Enumerate(IReadOnlyList<int> numbers)
    {
        var text = numbers.Select(n => n.ToString(CultureInfo.InvariantCulture)).ToList();
        return text.Count == 1 ? text[0] : string.Join(", ", text.Take(text.Count - 1)) + " and " + text[^1];
    }

    /// <summary>Cuts an entry to 30 characters and drops control characters, so a message never carries a hostile string whole.</summary>
    public static string Shorten(string text)
    {
        var clean = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        return clean.Length <= 30 ? clean : clean[..30] + "…";
    }
}
