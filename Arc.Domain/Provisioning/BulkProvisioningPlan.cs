using System.Globalization;
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

public static partial class BulkProvisioningCsv
{
    /// <summary>
    /// Checks each row: VIN, release, options, cells that a spreadsheet would run as a formula, VINs already provisioned,
    /// and VINs the file names more than once (every such row is refused: which of them was meant cannot be guessed).
    /// </summary>
    public static BulkPlan Check(IReadOnlyList<(int Line, Dictionary<string, string> Cells)> rows, DeploymentEnvironment environment,
        IReadOnlyList<BulkRelease> releases, IReadOnlySet<string> provisioned)
    {
        var duplicates = DuplicateLines(rows, environment);
        var checks = new List<BulkRowCheck>();
        foreach (var (line, cells) in rows)
        {
            var text = string.Join(",", cells.Where(c => c.Key != ExtraCells).Select(c => c.Value));
            Vin.TryParse(cells.GetValueOrDefault(VinColumn), environment, out var parsed, out _);
            BulkRelease? release = null;
            string? Problem()
            {
                if (cells.ContainsKey(ExtraCells))
                    return "The row has more cells than the header has columns.";
                if (cells.Values.Any(v => v.Length > 0 && "=+-@\t\r".Contains(v[0], StringComparison.Ordinal)))
                    return "A cell starts with =, +, -, @ or a control character (a spreadsheet formula); it is refused.";
                if (!Vin.TryParse(cells[VinColumn], environment, out var vin, out var vinError))
                    return vinError;
                if (duplicates.TryGetValue(vin.Value, out var lines))
                    return $"VIN {vin.Value} appears on lines {Enumerate(lines)}; keep one row for it.";
                var releaseError = FindRelease(cells, releases, out release);
                if (releaseError is not null)
                    return releaseError;
                if (release!.ModelLetter is { } letter && letter != vin.ModelLetter.ToString())
                    return $"Model release {release.Id} ({Shorten(release.Name)}) is for model letter {letter}, but the VIN's is {vin.ModelLetter}.";
                foreach (var flag in Flags)
                {
                    if (cells.TryGetValue(flag, out var value) && value.Length > 0 && !bool.TryParse(value, out _))
                        return $"{flag} must be true or false, not '{Shorten(value)}'.";
                }
                return null;
            }
            var problem = Problem();
            BulkRow? row = null;
            if (problem is null)
            {
                bool Flag(string key) => cells.TryGetValue(key, out var v) && v.Length > 0 && bool.Parse(v);
                row = new BulkRow(line, parsed!.Value, release!.Id,
                    new VehicleOptions(Flag("heated_seats"), Flag("heated_grips"), Flag("stereo_enabled")), Flag("managed_session_mode"));
            }
            var already = parsed is not null && provisioned.Contains(parsed.Value);
            if (problem is null && already)
                problem = $"{parsed!.Value} is already provisioned; re-provision it from its own page.";
            checks.Add(new BulkRowCheck(line, Shorten(text), parsed?.Value, problem is null, problem, already, problem is null ? row : null));
        }
        return new BulkPlan(checks);
    }

    /// <summary>The lines of each VIN the file holds more than once, compared as the portal stores them (prefix, upper case).</summary>
    private static Dictionary<string, List<int>> DuplicateLines(IReadOnlyList<(int Line, Dictionary<string, string> Cells)> rows, DeploymentEnvironment environment) =>
        rows.Select(r => (r.Line, Vin: Vin.TryParse(r.Cells.GetValueOrDefault(VinColumn), environment, out var vin, out _) ? vin.Value : null))
            .Where(r => r.Vin is not null)
            .GroupBy(r => r.Vin!, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Line).ToList(), StringComparer.Ordinal);

    /// <summary>The row's release, by id or by name (case-insensitive, and only if one release has it); both must agree.</summary>
    private static string? FindRelease(Dictionary<string, string> cells, IReadOnlyList<BulkRelease> releases, out BulkRelease? release)
    {
        release = null;
        var idText = cells.GetValueOrDefault(ReleaseIdColumn) ?? "";
        var name = cells.GetValueOrDefault(ReleaseNameColumn) ?? "";
        if (idText.Length == 0 && name.Length == 0)
            return $"The model release is missing: give its id in {ReleaseIdColumn} or its name in {ReleaseNameColumn}.";
        BulkRelease? byId = null;
        if (idText.Length > 0)
        {
            byId = int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? releases.FirstOrDefault(r => r.Id == id) : null;
            if (byId is null)
                return $"Model release '{Shorten(idText)}' does not exist.";
        }
        if (name.Length == 0)
        {
            release = byId;
            return null;
        }
        var named = releases.Where(r => string.Equals(r.Name.Trim(), name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (named.Count == 0)
            return $"No model release is named '{Shorten(name)}'; the bulk page lists them with their ids.";
        if (byId is not null)
        {
            if (!named.Contains(byId))
                return $"Model release {byId.Id} is '{Shorten(byId.Name)}', not '{Shorten(name)}'.";
            release = byId;
            return null;
        }
        if (named.Count > 1)
            return $"{named.Count} model releases are named '{Shorten(name)}' (ids {Enumerate(named.Select(r => r.Id).ToList())}); give the id in {ReleaseIdColumn}.";
        release = named[0];
        return null;
    }

    /// <summary>"3 and 7", "3, 5 and 7".</summary>
    private static string Enumerate(IReadOnlyList<int> numbers)
    {
        var text = numbers.Select(n => n.ToString(CultureInfo.InvariantCulture)).ToList();
        return text.Count == 1 ? text[0] : string.Join(", ", text.Take(text.Count - 1)) + " and " + text[^1];
    }
}
