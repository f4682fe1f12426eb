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
/// A fleet's bulk VIN list (read and checked by <see cref="VinList"/>), checked against the fleet as well so the whole
/// list's problems are shown at once: malformed VINs, VINs listed twice, vehicles that are not provisioned, and cells a
/// spreadsheet would run as a formula.
/// </summary>
public static class FleetVinList
{
    public const int MaxBytes = 512 * 1024;
    public const int MaxVins = 5000;
    public const string VinColumn = VinList.VinColumn;
    public const string MakerFleetRefusal = "Fleet 1 is the maker's own fleet: vehicles leave it only when they are unprovisioned, never by hand.";

    public static IReadOnlyList<VinList.Entry> Read(string? text) => VinList.Read(text, MaxVins, MaxBytes);

    /// <summary>Checks every entry against the fleet; the caller has found the fleet and checked the permission.</summary>
    public static async Task<FleetVinPlan> PlanAsync(IArcData data, Fleet fleet, string? text, FleetVinChange change, DeploymentEnvironment environment,
        CancellationToken ct)
    {
        if (change == FleetVinChange.Remove && fleet.IsProtected)
            throw new ConflictException(MakerFleetRefusal);
        var list = VinList.Check(Read(text), environment);
        var problems = list.Problems.ToList();
        var parsed = list.Parsed;
        var vins = list.Vins.ToList();
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
}
