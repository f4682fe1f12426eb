using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Rollouts;

/// <summary>
/// Resumes a paused campaign (permission firmware.campaign.write). When the health gate paused it, resuming accepts the
/// current wave's health as it stands: the gate does not pause the same wave again.
/// </summary>
public sealed class ResumeCampaign(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task HandleAsync(int campaignId, string? reason = null, uint? version = null, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.CampaignWrite, ct);
        var why = CampaignRules.Reason(reason, required: false);
        await using var data = dataFactory.Open();
        var campaign = await CampaignChanges.LoadAsync(data, campaignId, ct);
        if (campaign.Status == CampaignStatus.Draft)
            throw new ConflictException("A draft campaign has not started: start it rather than resume it.");
        if (campaign.Status != CampaignStatus.Paused)
            CampaignRules.EnsureCanMove(campaign, CampaignStatus.Running);
        var wave = await data.FirstOrDefaultAsync(data.CampaignWaves.Where(w => w.CampaignId == campaignId && w.Index == campaign.CurrentWave), ct);
        if (wave is not null)
            wave.HealthAccepted = true;
        CampaignChanges.Move(data, audit, campaign, version, CampaignStatus.Running, CampaignAuditActions.Resumed, username, why.Length == 0 ? null : why,
            time.GetUtcNow());
        await data.SaveChangesAsync(ct);
    }
}
