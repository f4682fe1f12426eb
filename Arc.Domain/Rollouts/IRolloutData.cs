using Arc.Domain.Common;

namespace Arc.Domain.Rollouts;

/// <summary>The tables of over-the-air campaigns, read as <c>data.Campaigns</c> on any <see cref="IArcData"/>.</summary>
public interface IRolloutData : IEntitySets
{
    IQueryable<Campaign> Campaigns => Set<Campaign>();
    IQueryable<CampaignTarget> CampaignTargets => Set<CampaignTarget>();
    IQueryable<CampaignWave> CampaignWaves => Set<CampaignWave>();
    IQueryable<CampaignVehicle> CampaignVehicles => Set<CampaignVehicle>();
    IQueryable<CampaignTransition> CampaignTransitions => Set<CampaignTransition>();
    IQueryable<CampaignHealthCheck> CampaignHealthChecks => Set<CampaignHealthCheck>();
}
