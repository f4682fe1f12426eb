using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.SideEffects;

namespace Arc.Domain.Rollouts;

/// <summary>
/// Aborts a campaign for good, with a reason (permission firmware.campaign.write). Vehicles sent the target get a new
/// desired state without it, through the outbox in the same save; what they installed already stays installed.
/// </summary>
public sealed class AbortCampaign(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time, Outbox outbox) : IUseCase
{
    public async Task HandleAsync(int campaignId, string reason, uint? version = null, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.CampaignWrite, ct);
        var why = CampaignRules.Reason(reason, required: true);
        for (var attempt = 1; ; attempt++)
        {
            await using var data = dataFactory.Open();
            var campaign = await CampaignChanges.LoadAsync(data, campaignId, ct);
            var inFlight = await CampaignChanges.InFlightAsync(data, campaignId, ct);
            CampaignChanges.Move(data, audit, campaign, version, CampaignStatus.Aborted, CampaignAuditActions.Aborted, username, why, time.GetUtcNow(),
                new { targetsCleared = inFlight.Count });
            outbox.PublishShadows(data, inFlight, username);
            if (await CampaignChanges.SavedAsync(data, version, attempt, ct))
                return;
        }
    }
}
