using System.Text.Json.Nodes;
using Arc.Domain.Common;

namespace Arc.Domain.Rollouts;

/// <summary>
/// The <c>firmware_target</c> of a vehicle's desired state: <c>{campaign: id, components: {component: hash}}</c> of the
/// running or paused campaign that sent it the update and has not seen it finish; null when there is none.
/// </summary>
public static class CampaignTargetState
{
    public static async Task<JsonObject?> BuildAsync(IArcData data, string vin, CancellationToken ct)
    {
        var inFlight = CampaignRules.InFlight.ToList();
        var campaignId = await data.FirstOrDefaultAsync(
            from v in data.CampaignVehicles
            join c in data.Campaigns on v.CampaignId equals c.Id
            where v.Vin == vin && inFlight.Contains(v.Status) && (c.Status == CampaignStatus.Running || c.Status == CampaignStatus.Paused)
            orderby v.Dispatched descending, v.CampaignId descending
            select (int?)v.CampaignId, ct);
        if (campaignId is not { } id)
            return null;
        var components = new JsonObject();
        foreach (var target in await data.ListAsync(data.CampaignTargets.Where(t => t.CampaignId == id).OrderBy(t => t.Component), ct))
            components[target.Component] = target.Hash;
        return new JsonObject { ["campaign"] = id, ["components"] = components };
    }
}
