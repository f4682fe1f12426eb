using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;

namespace Arc.Domain.Rollouts;

/// <summary>
/// How the status use cases change a campaign: read it, move it, audit it and save, refusing with a conflict when the
/// campaign changed since it was read (by a person, or by the advancing job), so of two changes at once one wins whole.
/// </summary>
internal static class CampaignChanges
{
    public static async Task<Campaign> LoadAsync(IArcData data, int campaignId, CancellationToken ct) =>
        await data.FirstOrDefaultAsync(data.Campaigns.Where(c => c.Id == campaignId), ct)
        ?? throw new NotFoundException("Campaign", campaignId.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Saves a change made to the campaign as it was read. A change that carries no version from a page (pause, abort: the
    /// brakes act on the campaign as it is) and finds the campaign moved meanwhile, by the advancing job, answers false so
    /// that it is made again on what is there now; up to three attempts. With a page's version the conflict is the caller's.
    /// </summary>
    public static async Task<bool> SavedAsync(IArcData data, uint? version, int attempt, CancellationToken ct)
    {
        try
        {
            await data.SaveChangesAsync(ct);
            return true;
        }
        catch (ConflictException) when (version is null && attempt < 3)
        {
            return false;
        }
    }

    /// <summary>Moves the campaign, records the transition and its audit event, and claims the version read (or the page's).</summary>
    public static void Move(IArcData data, AuditTrail audit, Campaign campaign, uint? version, CampaignStatus to, string action, string actor, string? reason,
        DateTimeOffset now, object? details = null)
    {
        var from = campaign.Status;
        CampaignRules.Move(data, campaign, to, actor, reason, now);
        data.ExpectVersion(campaign, version ?? campaign.Version, $"Campaign {campaign.Id.ToString(CultureInfo.InvariantCulture)}");
        audit.Record(data, actor, action, CampaignAuditActions.Entity, campaign.Id.ToString(CultureInfo.InvariantCulture),
            new { from = from.ToString(), to = to.ToString(), reason, wave = campaign.CurrentWave, details });
    }

    /// <summary>The VINs of the campaign's vehicles that were sent the target and have not finished with it.</summary>
    public static Task<List<string>> InFlightAsync(IArcData data, int campaignId, CancellationToken ct)
    {
        var inFlight = CampaignRules.InFlight.ToList();
        return data.ListAsync(data.CampaignVehicles.Where(v => v.CampaignId == campaignId && inFlight.Contains(v.Status)).Select(v => v.Vin), ct);
    }
}
