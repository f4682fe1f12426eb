using System.Globalization;
using System.Text.Json.Nodes;
using Arc.Domain.Telemetry;

namespace Arc.Domain.Rollouts;

/// <summary>What a vehicle says of a campaign in its reported state: <c>ota: {campaign, state, error}</c>.</summary>
public sealed record OtaReport(int Campaign, string State, string? Error);

/// <summary>
/// The figures the health gate compares: vehicles and alarms of each group, all alarms, fault-point alarms, and charging
/// failures (alarms on the charger's points, <see cref="ChargerPointPrefix"/>: its protections, hardware and
/// communication faults of spec/backend.md's 0x30E frame).
/// </summary>
public sealed record HealthFigures(int UpdatedVehicles, int ComparisonVehicles, int UpdatedAlarms, int ComparisonAlarms, int UpdatedFaults, int ComparisonFaults,
    int UpdatedChargingFailures = 0, int ComparisonChargingFailures = 0)
{
    public const string ChargerPointPrefix = "charger_";

    public static double Rate(int alarms, int vehicles) => vehicles == 0 ? 0 : (double)alarms / vehicles;
}

/// <summary>The gate's answer: whether the updated vehicles did worse beyond the margins, and why, in words.</summary>
public sealed record HealthVerdict(bool Regressed, string Text);

/// <summary>The pure rules that turn reports, telemetry and alarms into a vehicle's status, its eligibility and the gate's verdict.</summary>
public static class CampaignProgressRules
{
    public const string OtaKey = "ota";
    public const string TargetKey = "firmware_target";
    public const int MaxErrorLength = 300;

    /// <summary>The <c>ota</c> object of a reported state, or null when it has none or it is malformed.</summary>
    public static OtaReport? OtaOf(JsonObject? reported)
    {
        if (reported?[OtaKey] is not JsonObject ota || ota["campaign"] is not JsonValue id || ota["state"] is not JsonValue state)
            return null;
        int campaign;
        if (id.TryGetValue<int>(out var number))
            campaign = number;
        else if (!(id.TryGetValue<string>(out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out campaign)))
            return null;
        if (!state.TryGetValue<string>(out var name) || name.Length > 40)
            return null;
        var error = ota["error"] is JsonValue e && e.TryGetValue<string>(out var message) ? Clip(message, MaxErrorLength) : null;
        return new OtaReport(campaign, name.Trim().ToLowerInvariant(), error);
    }

    /// <summary>
    /// The status a report moves a vehicle's entry to, or null when it changes nothing. Installed only when the reported
    /// firmware of every target component is the target's (whatever the <c>ota</c> object says); progress and failure only
    /// from an <c>ota</c> object naming this campaign; only an entry that was sent the target moves.
    /// </summary>
    public static CampaignVehicleStatus? Next(CampaignVehicle entry, IReadOnlyList<CampaignTarget> targets, IReadOnlyDictionary<string, string> firmware,
        OtaReport? ota)
    {
        if (entry.Status is CampaignVehicleStatus.Queued or CampaignVehicleStatus.Ineligible or CampaignVehicleStatus.Installed)
            return null;
        if (targets.Count > 0 && targets.All(t => firmware.TryGetValue(t.Component, out var hash) && string.Equals(hash, t.Hash, StringComparison.OrdinalIgnoreCase)))
            return CampaignVehicleStatus.Installed;
        if (ota is null || ota.Campaign != entry.CampaignId)
            return null;
        CampaignVehicleStatus? next = ota.State switch
        {
            "downloading" => CampaignVehicleStatus.Downloading,
            "installing" => CampaignVehicleStatus.Installing,
            "failed" => CampaignVehicleStatus.Failed,
            _ => null,
        };
        return next == entry.Status && next != CampaignVehicleStatus.Failed ? null : next;
    }

    /// <summary>Why a vehicle may not be dispatched now, or null when it may.</summary>
    public static string? IneligibleReason(Campaign campaign, VehicleLatestState? state, bool inManagedSession, int? otherCampaign, DateTimeOffset now)
    {
        if (inManagedSession)
            return "In an active managed session.";
        if (otherCampaign is { } other)
            return $"Taking part in campaign {other.ToString(CultureInfo.InvariantCulture)}.";
        if (state?.LastReport is not { } last || now - last > TimeSpan.FromHours(campaign.ReportedWithinHours))
            return $"Has not reported within {campaign.ReportedWithinHours} hours.";
        if (state.Soc is not { } soc)
            return "Has reported no state of charge.";
        if (soc < campaign.MinimumStateOfCharge)
            return $"State of charge {Math.Round(soc).ToString(CultureInfo.InvariantCulture)}% is below {campaign.MinimumStateOfCharge}%.";
        return null;
    }

    /// <summary>Whether a wave's installed vehicles reached its threshold of those that could be dispatched (an empty wave has).</summary>
    public static bool ThresholdMet(int waveSize, int ineligible, int installed, int threshold)
    {
        if (waveSize == 0)
            return true;
        var counted = waveSize - ineligible;
        return counted > 0 && installed * 100L >= (long)threshold * counted;
    }

    /// <summary>
    /// Compares the updated group with the comparison group on alarms, fault alarms and charging failures per vehicle. A rate
    /// regresses when it is higher by more than the absolute margin and by more than the relative margin; with fewer
    /// than the minimum sample in either group nothing is concluded and the gate passes.
    /// </summary>
    public static HealthVerdict Evaluate(HealthFigures f, double absoluteMargin, int relativeMarginPercent, int minimumSample)
    {
        if (f.UpdatedVehicles < minimumSample || f.ComparisonVehicles < minimumSample)
            return new HealthVerdict(false, $"Too few vehicles to compare ({f.UpdatedVehicles} updated, {f.ComparisonVehicles} not yet; at least {minimumSample} each).");
        var problems = new List<string>();
        foreach (var (what, updated, comparison) in new[]
                 {
                     ("alarms", HealthFigures.Rate(f.UpdatedAlarms, f.UpdatedVehicles), HealthFigures.Rate(f.ComparisonAlarms, f.ComparisonVehicles)),
                     ("fault alarms", HealthFigures.Rate(f.UpdatedFaults, f.UpdatedVehicles), HealthFigures.Rate(f.ComparisonFaults, f.ComparisonVehicles)),
                     ("charging failures", HealthFigures.Rate(f.UpdatedChargingFailures, f.UpdatedVehicles),
                         HealthFigures.Rate(f.ComparisonChargingFailures, f.ComparisonVehicles)),
                 })
        {
            if (updated - comparison > absoluteMargin && updated > comparison * (1 + relativeMarginPercent / 100.0))
                problems.Add($"{what} per vehicle {Format(updated)} against {Format(comparison)}");
        }
        return problems.Count == 0
            ? new HealthVerdict(false, $"Healthy: {Format(HealthFigures.Rate(f.UpdatedAlarms, f.UpdatedVehicles))} alarms per updated vehicle against " +
                $"{Format(HealthFigures.Rate(f.ComparisonAlarms, f.ComparisonVehicles))} per vehicle not yet updated.")
            : new HealthVerdict(true, "Updated vehicles did worse: " + string.Join("; ", problems) + ".");
    }

    private static string Format(double rate) => rate.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Clip(string text, int max) => text.Length > max ? text[..max] : text;
}
