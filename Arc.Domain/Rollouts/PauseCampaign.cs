using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Rollouts;

/// <summary>
/// Pauses a running campaign with a reason (permission firmware.campaign.write): no vehicle is dispatched until it is
/// resumed. Vehicles already sent the target keep it and their reports still count. Without a version it acts on the
/// campaign as it is, made again if the advancing job saved it meanwhile.
/// </summary>
public sealed class PauseCampaign(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task HandleAsync(int campaignId, string reason, uint? version = null, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.CampaignWrite, ct);
        var why = CampaignRules.Reason(reason, required: true);
        for (var attempt = 1; ; attempt++)
        {
            await using var data = dataFactory.Open();
            var campaign = await CampaignChanges.LoadAsync(data, campaignId, ct);
            CampaignChanges.Move(data, audit, campaign, version, CampaignStatus.Paused, CampaignAuditActions.Paused, username, why, time.GetUtcNow());
            if (await CampaignChanges.SavedAsync(data, version, attempt, ct))
                return;
        }
    }
}
