using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Rollouts;

/// <summary>
/// Pauses a running campaign with a reason (permission firmware.campaign.write): no vehicle is dispatched until it is
/// resumed. Vehicles already sent the target keep it and their reports still count.
/// </summary>
public sealed class PauseCampaign(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task HandleAsync(int campaignId, string reason, uint? version = null, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.CampaignWrite, ct);
        var why = CampaignRules.Reason(reason, required: true);
        await using var data = dataFactory.Open();
        var campaign = await CampaignChanges.LoadAsync(data, campaignId, ct);
        CampaignChanges.Move(data, audit, campaign, version, CampaignStatus.Paused, CampaignAuditActions.Paused, username, why, time.GetUtcNow());
        await data.SaveChangesAsync(ct);
    }
}
