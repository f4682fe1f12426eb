using Arc.Domain.Rollouts;

namespace Arc.Portal.Components.Rollouts;

/// <summary>What the new-campaign form edits; <see cref="ToDraft"/> gives it to the use case, which checks every rule.</summary>
public sealed class CampaignModel
{
    /// <summary>The fields the form shows refusals under (the names the use case refuses on).</summary>
    public static readonly string[] Fields =
    [
        "name", "releases", "population", "waves", "minimumStateOfCharge", "reportedWithinHours", "dispatchTimeoutHours",
        "healthAbsoluteMargin", "healthRelativeMargin", "healthMinimumSample", "recall",
    ];

    public string? Name { get; set; }
    /// <summary>The release chosen per component; components left empty are not part of the target.</summary>
    public Dictionary<string, int?> Releases { get; } = new(StringComparer.Ordinal);
    public PopulationKind? PopulationKind { get; set; }
    public int? PopulationId { get; set; }
    public List<WaveModel> Waves { get; } =
    [
        new() { Percent = 1 }, new() { Percent = 10 }, new() { Percent = 50 }, new() { Percent = 100 },
    ];
    public int MinimumStateOfCharge { get; set; } = CampaignEligibility.DefaultMinimumStateOfCharge;
    public int ReportedWithinHours { get; set; } = CampaignEligibility.DefaultReportedWithinHours;
    public int DispatchTimeoutHours { get; set; } = CampaignEligibility.DefaultDispatchTimeoutHours;
    public double HealthAbsoluteMargin { get; set; } = CampaignHealthSettings.DefaultAbsoluteMargin;
    public int HealthRelativeMarginPercent { get; set; } = CampaignHealthSettings.DefaultRelativeMarginPercent;
    public int HealthMinimumSample { get; set; } = CampaignHealthSettings.DefaultMinimumSample;
    public int? RecallId { get; set; }

    public CampaignDraft ToDraft() => new(
        Name ?? "",
        Releases.Values.OfType<int>().ToList(),
        new CampaignPopulation(PopulationKind ?? (Domain.Rollouts.PopulationKind)(-1), PopulationId),
        Waves.Select(w => w.ToDraft()).ToList(),
        new CampaignEligibility(MinimumStateOfCharge, ReportedWithinHours, DispatchTimeoutHours),
        new CampaignHealthSettings(HealthAbsoluteMargin, HealthRelativeMarginPercent, HealthMinimumSample),
        RecallId);
}

/// <summary>One wave row of the form: a cumulative share of the population, or a fleet.</summary>
public sealed class WaveModel
{
    public bool ByFleet { get; set; }
    public int? Percent { get; set; }
    public int? FleetId { get; set; }
    public int SuccessThreshold { get; set; } = 95;
    public int SoakMinutes { get; set; } = 60;

    public WaveDraft ToDraft() => new(ByFleet ? null : Percent, ByFleet ? FleetId : null, SuccessThreshold, SoakMinutes);
}
