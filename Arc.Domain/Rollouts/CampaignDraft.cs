namespace Arc.Domain.Rollouts;

/// <summary>
/// What a new campaign is made of. <paramref name="ReleaseIds"/> are recorded firmware releases, one per component;
/// <paramref name="Waves"/> are in order, the last reaching 100 percent of the population.
/// </summary>
public sealed record CampaignDraft(string Name, IReadOnlyList<int> ReleaseIds, CampaignPopulation Population, IReadOnlyList<WaveDraft> Waves,
    CampaignEligibility? Eligibility = null, CampaignHealthSettings? Health = null, int? RecallId = null);

/// <summary>
/// The vehicles a campaign targets: a model, a model release, a fleet or a recall (by <paramref name="Id"/>), or the
/// vehicles whose recorded firmware of a component is older than a release (<paramref name="Id"/> is that release).
/// </summary>
public sealed record CampaignPopulation(PopulationKind Kind, int? Id);

/// <summary>
/// One wave: <paramref name="Percent"/> is the cumulative share of the population reached once the wave is out, or
/// <paramref name="FleetId"/> names a fleet (an internal fleet first, say) whose vehicles of the population go in it.
/// </summary>
public sealed record WaveDraft(int? Percent, int? FleetId = null, int SuccessThreshold = 95, int SoakMinutes = 60);

/// <summary>Who may be dispatched: a minimum state of charge, a recent report; and how long a dispatched vehicle has to answer.</summary>
public sealed record CampaignEligibility(int MinimumStateOfCharge = CampaignEligibility.DefaultMinimumStateOfCharge,
    int ReportedWithinHours = CampaignEligibility.DefaultReportedWithinHours, int DispatchTimeoutHours = CampaignEligibility.DefaultDispatchTimeoutHours)
{
    public const int DefaultMinimumStateOfCharge = 30;
    public const int DefaultReportedWithinHours = 24;
    public const int DefaultDispatchTimeoutHours = 24;
}

/// <summary>
/// The health gate's margins: it pauses when the updated vehicles' alarm (or fault) rate exceeds the comparison group's
/// by more than <paramref name="AbsoluteMargin"/> alarms per vehicle and by more than <paramref name="RelativeMarginPercent"/>
/// percent, with at least <paramref name="MinimumSample"/> vehicles in each group.
/// </summary>
public sealed record CampaignHealthSettings(double AbsoluteMargin = CampaignHealthSettings.DefaultAbsoluteMargin,
    int RelativeMarginPercent = CampaignHealthSettings.DefaultRelativeMarginPercent, int MinimumSample = CampaignHealthSettings.DefaultMinimumSample)
{
    public const double DefaultAbsoluteMargin = 0.05;
    public const int DefaultRelativeMarginPercent = 50;
    public const int DefaultMinimumSample = 5;
}

/// <summary>Stable audit codes of campaigns.</summary>
public static class CampaignAuditActions
{
    public const string Entity = "OtaCampaign";
    public const string Created = "ota_campaign.created";
    public const string Started = "ota_campaign.started";
    public const string Paused = "ota_campaign.paused";
    public const string Resumed = "ota_campaign.resumed";
    public const string Aborted = "ota_campaign.aborted";
    public const string Completed = "ota_campaign.completed";
    public const string WaveStarted = "ota_campaign.wave_started";
    public const string PausedByHealthGate = "ota_campaign.paused_by_health_gate";
    public const string VehiclesRetried = "ota_campaign.vehicles_retried";
    public const string RollbackCreated = "ota_campaign.rollback_created";
    public const string NoteTag = "firmware";
}
