using Arc.Domain.Common;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Recalls;

/// <summary>
/// What adding a VIN list to a recall would do: the VINs it would add and every problem found. Nothing is added unless
/// <see cref="Problems"/> is empty.
/// </summary>
public sealed record RecallVinPlan(int RecallId, string NhtsaNumber, IReadOnlyList<string> Vins, IReadOnlyList<string> Problems)
{
    public bool CanApply => Problems.Count == 0 && Vins.Count > 0;
}

/// <summary>
/// A recall's bulk VIN list, read and checked by <see cref="VinList"/> (a recall's lists are far longer than a fleet's)
/// and then against the recall: every VIN must be a provisioned vehicle not already in the recall.
/// </summary>
public static class RecallVinList
{
    public const int MaxVins = 100_000;
    public const int MaxBytes = 8 * 1024 * 1024;

    public static async Task<RecallVinPlan> PlanAsync(IArcData data, Recall recall, string? text, DeploymentEnvironment environment, CancellationToken ct)
    {
        var list = VinList.Check(VinList.Read(text, MaxVins, MaxBytes), environment);
        var problems = list.Problems.ToList();
        var lines = VinList.FirstLines(list);
        var vins = list.Vins;
        var known = (await RecallVehicleRules.InChunksAsync(vins,
            chunk => data.ListAsync(data.Vehicles.Where(v => chunk.Contains(v.Vin)).Select(v => v.Vin), ct))).ToHashSet(StringComparer.Ordinal);
        var already = (await RecallVehicleRules.InChunksAsync(vins,
                chunk => data.ListAsync(data.RecallVehicles.Where(v => v.RecallId == recall.Id && chunk.Contains(v.Vin)).Select(v => v.Vin), ct)))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var vin in vins)
        {
            if (!known.Contains(vin))
                problems.Add($"Line {lines[vin]}: no vehicle {vin} is provisioned.");
            else if (already.Contains(vin))
                problems.Add($"Line {lines[vin]}: {vin} is in recall {recall.NhtsaNumber} already.");
        }
        return new RecallVinPlan(recall.Id, recall.NhtsaNumber, vins.Where(v => known.Contains(v) && !already.Contains(v)).ToList(), problems);
    }

    /// <summary>Refuses a plan that found problems, listing all of them.</summary>
    public static void RequireApplicable(RecallVinPlan plan)
    {
        if (plan.Problems.Count > 0)
            throw new ValidationFailedException("vins",
                $"The list has {plan.Problems.Count} problem{(plan.Problems.Count == 1 ? "" : "s")}; nothing was changed.", plan.Problems);
    }

    /// <summary>The VINs an audit event names: the first few hundred, since each vehicle's own note records it too.</summary>
    public static object AuditVins(IReadOnlyList<string> vins) =>
        new { count = vins.Count, vins = vins.Take(200).ToList(), more = Math.Max(0, vins.Count - 200) };
}
