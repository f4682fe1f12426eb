using System.Globalization;
using System.Text;
using Arc.Domain.Common;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Fleets;

public enum FleetVinChange
{
    Add,
    Remove,
}

/// <summary>
/// What a bulk change of a fleet's vehicles would do: the VINs it would change, those it leaves as they are (already in
/// the fleet, or not in it), and every problem found. Nothing changes unless <see cref="Problems"/> is empty.
/// </summary>
public sealed record FleetVinPlan(int FleetId, string FleetName, FleetVinChange Change, IReadOnlyList<string> Vins, IReadOnlyList<string> Unchanged,
    IReadOnlyList<string> Problems)
{
    public bool CanApply => Problems.Count == 0 && Vins.Count > 0;
}

/// <summary>
/// Reads a list of VINs as a person pastes it (one a line, or separated by commas, semicolons or blanks) or as a CSV
/// file with a header row naming a <c>vin</c> column (other columns are ignored). Every entry is checked against the
/// fleet so the whole list's problems are shown at once: malformed VINs, VINs listed twice, vehicles that are not
/// provisioned, and cells a spreadsheet would run as a formula.
/// </summary>
public static class FleetVinList
{
    public const int MaxBytes = 512 * 1024;
    public const int MaxVins = 5000;
    public const string VinColumn = "vin";
    public const string MakerFleetRefusal = "Fleet 1 is the maker's own fleet: vehicles leave it only when they are unprovisioned, never by hand.";
    private const string FormulaStarts = "=+-@\t\r";

    public sealed record Entry(int Line, string Text);

    public static IReadOnlyList<Entry> Read(string? text)
    {
        text ??= "";
        if (Encoding.UTF8.GetByteCount(text) > MaxBytes)
            throw new ValidationFailedException("vins", $"A VIN list holds at most {MaxBytes / 1024} KB.");
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
            if (entries.Count > MaxVins)
                throw new ValidationFailedException("vins", $"A VIN list holds at most {MaxVins} vehicles.");
        }
        if (entries.Count == 0)
            throw new ValidationFailedException("vins", "The file has a header row but no VINs.");
        return entries;
    }

    /// <summary>Checks every entry against the fleet; the caller has found the fleet and checked the permission.</summary>
    public static async Task<FleetVinPlan> PlanAsync(IArcData data, Fleet fleet, string? text, FleetVinChange change, DeploymentEnvironment environment,
        CancellationToken ct)
    {
        if (change == FleetVinChange.Remove && fleet.IsProtected)
            throw new ConflictException(MakerFleetRefusal);
        var entries = Read(text);
        var problems = new List<string>();
        var parsed = new List<(int Line, string Vin)>();
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

        var vins = parsed.Select(p => p.Vin).Distinct(StringComparer.Ordinal).ToList();
        var known = (await data.ListAsync(data.Vehicles.Where(v => vins.Contains(v.Vin)).Select(v => v.Vin), ct)).ToHashSet(StringComparer.Ordinal);
        foreach (var (line, vin) in parsed.Where(p => !known.Contains(p.Vin)).DistinctBy(p => p.Vin))
            problems.Add($"Line {line}: no vehicle {vin} is provisioned.");
        var members = (await data.ListAsync(data.FleetVehicles.Where(v => v.FleetId == fleet.Id && vins.Contains(v.Vin)).Select(v => v.Vin), ct))
            .ToHashSet(StringComparer.Ordinal);
        var candidates = vins.Where(known.Contains).ToList();
        var toChange = candidates.Where(v => members.Contains(v) == (change == FleetVinChange.Remove)).ToList();
        var unchanged = candidates.Except(toChange, StringComparer.Ordinal).ToList();
        return new FleetVinPlan(fleet.Id, fleet.Name, change, toChange, unchanged, problems);
    }

    /// <summary>Refuses a plan that found problems, listing all of them, or one that would change nothing.</summary>
    public static void RequireApplicable(FleetVinPlan plan)
    {
        if (plan.Problems.Count > 0)
            throw new ValidationFailedException("vins",
                $"The list has {plan.Problems.Count} problem{(plan.Problems.Count == 1 ? "" : "s")}; nothing was changed.", plan.Problems);
        if (plan.Vins.Count == 0)
            throw new ValidationFailedException("vins", plan.Change == FleetVinChange.Add
                ? $"Every listed vehicle is already in fleet {plan.FleetName}; nothing to add."
                : $"None of the listed vehicles is in fleet {plan.FleetName}; nothing to remove.");
    }

    private static bool IsFormula(string cell)
    {
        var text = cell.TrimStart(' ');
        return text.Length > 0 && FormulaStarts.Contains(text[0], StringComparison.Ordinal);
    }

    private static string Enumerate(IReadOnlyList<int> numbers)
    {
        var text = numbers.Select(n => n.ToString(CultureInfo.InvariantCulture)).ToList();
        return text.Count == 1 ? text[0] : string.Join(", ", text.Take(text.Count - 1)) + " and " + text[^1];
    }

    private static string Shorten(string text) => text.Length <= 30 ? text : text[..30] + "…";
}
