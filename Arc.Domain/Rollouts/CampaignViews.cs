namespace Arc.Domain.Rollouts;

/// <summary>Which campaigns to list: by status, newest first, a page at a time.</summary>
public sealed record CampaignQuery(CampaignStatus? Status = null, int PageIndex = 0, int PageSize = 50);

/// <summary>A campaign in a list, with how many of its vehicles are installed.</summary>
public sealed record CampaignRow(int Id, string Name, string Owner, CampaignStatus Status, string? StatusReason, DateTimeOffset Created,
    int PopulationCount, int Installed, int CurrentWave, int WaveCount, int? RecallId, int? RollbackOf);

/// <summary>One component of the target, with the release it names.</summary>
public sealed record CampaignTargetView(string Component, string PartType, int FirmwareReleaseId, string Hash);

/// <summary>A wave with its settings, its times and how many of its vehicles are in each status.</summary>
public sealed record CampaignWaveView(int Index, int? Percent, int? FleetId, int SuccessThreshold, int SoakMinutes, int VehicleCount,
    DateTimeOffset? Started, DateTimeOffset? ThresholdMet, DateTimeOffset? Completed, IReadOnlyDictionary<CampaignVehicleStatus, int> Counts,
    string? FleetName = null);

/// <summary>One health gate evaluation, with both groups' rates, for a chart.</summary>
public sealed record CampaignHealthView(int Wave, DateTimeOffset At, DateTimeOffset WindowStart, int UpdatedVehicles, int ComparisonVehicles,
    int UpdatedAlarms, int ComparisonAlarms, int UpdatedFaults, int ComparisonFaults, double UpdatedAlarmRate, double ComparisonAlarmRate,
    double UpdatedFaultRate, double ComparisonFaultRate, double UpdatedChargingFailureRate, double ComparisonChargingFailureRate, bool Passed, string Verdict);

public sealed record CampaignTransitionView(DateTimeOffset At, string Actor, CampaignStatus From, CampaignStatus To, int Wave, string? Reason);

/// <summary>Everything a campaign page shows. <see cref="Version"/> goes back with a pause, resume or abort.</summary>
public sealed record CampaignDetail(int Id, string Name, string Owner, DateTimeOffset Created, CampaignStatus Status, string? StatusReason,
    DateTimeOffset? StatusChanged, int? RecallId, string? RecallNumber, int? RollbackOf, PopulationKind PopulationKind, int? PopulationId,
    string? PopulationComponent, string? PopulationName, int PopulationCount, CampaignEligibility Eligibility, CampaignHealthSettings Health, int CurrentWave,
    IReadOnlyList<CampaignTargetView> Targets, IReadOnlyList<CampaignWaveView> Waves, IReadOnlyDictionary<CampaignVehicleStatus, int> Counts,
    IReadOnlyList<CampaignHealthView> HealthChecks, IReadOnlyList<CampaignTransitionView> Transitions, uint Version);

/// <summary>Which of a campaign's vehicles to list: by status and wave, a page at a time.</summary>
public sealed record CampaignVehicleQuery(int CampaignId, CampaignVehicleStatus? Status = null, int? Wave = null, int PageIndex = 0, int PageSize = 50);

public sealed record CampaignVehicleRow(string Vin, int Wave, CampaignVehicleStatus Status, string? Reason, int Attempts, DateTimeOffset? Dispatched,
    DateTimeOffset? LastReport, DateTimeOffset? Installed);
