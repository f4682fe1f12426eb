using Arc.Domain.Common;

namespace Arc.Domain.Rollouts;

/// <summary>
/// An over-the-air firmware campaign (issue 18 items 4 to 6, decision 0052): a target firmware sent to a population in
/// waves, each wave started when the one before reached its success threshold and passed its soak window's health gate.
/// The population is resolved to a VIN list when the campaign is created (<see cref="CampaignVehicle"/>).
/// </summary>
public class Campaign : IVersioned
{
    public const int MaxNameLength = 200;
    public const int MaxReasonLength = 500;

    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The user who created it; told when the health gate pauses it.</summary>
    public required string Owner { get; set; }
    public DateTimeOffset Created { get; set; }
    public CampaignStatus Status { get; set; } = CampaignStatus.Draft;
    /// <summary>Why it is in its status (the reason given on pause, resume or abort, or the health gate's verdict).</summary>
    public string? StatusReason { get; set; }
    public DateTimeOffset? StatusChanged { get; set; }
    /// <summary>The recall whose over-the-air remedy this campaign carries, if any.</summary>
    public int? RecallId { get; set; }
    /// <summary>The campaign this one rolls back, if it is a rollback.</summary>
    public int? RollbackOf { get; set; }

    /// <summary>What the population was chosen by, kept to show it: the kind, its id and the firmware bound.</summary>
    public PopulationKind PopulationKind { get; set; }
    public int? PopulationId { get; set; }
    public string? PopulationComponent { get; set; }
    public int PopulationCount { get; set; }

    public int MinimumStateOfCharge { get; set; } = CampaignEligibility.DefaultMinimumStateOfCharge;
    public int ReportedWithinHours { get; set; } = CampaignEligibility.DefaultReportedWithinHours;
    /// <summary>How long a dispatched vehicle may stay without a report before it is counted as timed out.</summary>
    public int DispatchTimeoutHours { get; set; } = CampaignEligibility.DefaultDispatchTimeoutHours;

    /// <summary>Health gate: the updated group's rate must exceed the comparison group's by more than both margins to pause.</summary>
    public double HealthAbsoluteMargin { get; set; } = CampaignHealthSettings.DefaultAbsoluteMargin;
    public int HealthRelativeMarginPercent { get; set; } = CampaignHealthSettings.DefaultRelativeMarginPercent;
    /// <summary>Both groups need at least this many vehicles before the gate may pause anything.</summary>
    public int HealthMinimumSample { get; set; } = CampaignHealthSettings.DefaultMinimumSample;

    /// <summary>The index of the wave under way; -1 before the campaign starts.</summary>
    public int CurrentWave { get; set; } = -1;
    public uint Version { get; set; }

    public bool IsActive => Status is CampaignStatus.Running or CampaignStatus.Paused;
}

public enum CampaignStatus
{
    Draft = 0,
    Running = 1,
    Paused = 2,
    Completed = 3,
    Aborted = 4,
}

/// <summary>How a campaign's population was chosen.</summary>
public enum PopulationKind
{
    Model = 0,
    ModelRelease = 1,
    Fleet = 2,
    /// <summary>Vehicles whose recorded firmware of a component is a release older than the given one.</summary>
    FirmwareBelow = 3,
    /// <summary>The open vehicles of a recall.</summary>
    Recall = 4,
    /// <summary>The vehicles another campaign updated (a rollback).</summary>
    Campaign = 5,
}

/// <summary>One component of a campaign's target: the recorded release every vehicle of the campaign should run.</summary>
public class CampaignTarget
{
    public int CampaignId { get; set; }
    public required string Component { get; set; }
    public required string PartType { get; set; }
    public int FirmwareReleaseId { get; set; }
    public required string Hash { get; set; }
}

/// <summary>One wave: a cumulative share of the population, or the population's vehicles in an explicit fleet.</summary>
public class CampaignWave
{
    public int CampaignId { get; set; }
    public int Index { get; set; }
    /// <summary>The share of the population reached once this wave is out (cumulative, 1 to 100); null for a fleet wave.</summary>
    public int? Percent { get; set; }
    public int? FleetId { get; set; }
    /// <summary>Installed vehicles, in percent of the wave's vehicles that could be dispatched, before its soak starts.</summary>
    public int SuccessThreshold { get; set; }
    public int SoakMinutes { get; set; }
    public int VehicleCount { get; set; }
    public DateTimeOffset? Started { get; set; }
    /// <summary>When the success threshold was first reached: the soak window starts here.</summary>
    public DateTimeOffset? ThresholdMet { get; set; }
    /// <summary>Set when someone resumed the campaign after the health gate paused it in this wave: the gate does not pause it again.</summary>
    public bool HealthAccepted { get; set; }
    public DateTimeOffset? Completed { get; set; }
}

/// <summary>One vehicle of a campaign, with where it stands as the vehicle reports it.</summary>
public class CampaignVehicle : IVersioned
{
    public const int MaxReasonLength = 300;

    public long Id { get; set; }
    public int CampaignId { get; set; }
    public required string Vin { get; set; }
    public int Wave { get; set; }
    public CampaignVehicleStatus Status { get; set; } = CampaignVehicleStatus.Queued;
    /// <summary>Why it is ineligible, or the error a failed vehicle reported.</summary>
    public string? Reason { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? Dispatched { get; set; }
    /// <summary>When the vehicle last reported progress (or was dispatched): the timeout counts from here.</summary>
    public DateTimeOffset? LastReport { get; set; }
    public DateTimeOffset? Installed { get; set; }
    public uint Version { get; set; }
}

/// <summary>Where a vehicle stands in a campaign; stored by name.</summary>
public enum CampaignVehicleStatus
{
    Queued = 0,
    Ineligible = 1,
    Dispatched = 2,
    Downloading = 3,
    Installing = 4,
    Installed = 5,
    Failed = 6,
    TimedOut = 7,
}

/// <summary>One change of a campaign's status or wave, for its page's history.</summary>
public class CampaignTransition
{
    public long Id { get; set; }
    public int CampaignId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public CampaignStatus From { get; set; }
    public CampaignStatus To { get; set; }
    public int Wave { get; set; }
    public string? Reason { get; set; }
}

/// <summary>One evaluation of the health gate over a wave's soak window, kept so a page can chart the comparison.</summary>
public class CampaignHealthCheck
{
    public long Id { get; set; }
    public int CampaignId { get; set; }
    public int Wave { get; set; }
    public DateTimeOffset At { get; set; }
    public DateTimeOffset WindowStart { get; set; }
    public int UpdatedVehicles { get; set; }
    public int ComparisonVehicles { get; set; }
    public int UpdatedAlarms { get; set; }
    public int ComparisonAlarms { get; set; }
    public int UpdatedFaults { get; set; }
    public int ComparisonFaults { get; set; }
    public int UpdatedChargingFailures { get; set; }
    public int ComparisonChargingFailures { get; set; }
    public bool Passed { get; set; }
    public required string Verdict { get; set; }
}
