using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Jobs;
using Arc.Domain.Permissions;

namespace Arc.Domain.Rollouts;

/// <summary>
/// Starts a draft campaign (permission firmware.campaign.write): its first wave begins, and the advancing job is asked
/// to dispatch that wave's eligible vehicles at once rather than at its next round.
/// </summary>
public sealed class StartCampaign(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time, IBackgroundJobs jobs) : IUseCase
{
    public async Task HandleAsync(int campaignId, uint? version = null, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.CampaignWrite, ct);
        await using var data = dataFactory.Open();
        var campaign = await CampaignChanges.LoadAsync(data, campaignId, ct);
        var now = time.GetUtcNow();
        CampaignRules.EnsureCanMove(campaign, CampaignStatus.Running);
        campaign.CurrentWave = 0;
        var first = await data.FirstOrDefaultAsync(data.CampaignWaves.Where(w => w.CampaignId == campaignId && w.Index == 0), ct);
        if (first is not null)
            first.Started = now;
        CampaignChanges.Move(data, audit, campaign, version, CampaignStatus.Running, CampaignAuditActions.Started, username, null, now);
        await data.SaveChangesAsync(ct);
        jobs.Enqueue(AdvanceCampaigns.JobKind, campaignId, null);
    }
}
