using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Rollouts;

/// <summary>The over-the-air campaigns, newest first, a page at a time, filtered by status (permission firmware.campaign.read).</summary>
public sealed class ListCampaigns(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<Page<CampaignRow>> HandleAsync(CampaignQuery query, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.CampaignRead, ct);
        var (index, size) = Paging.Normalize(query.PageIndex, query.PageSize);
        if (query.Status is { } wanted && !Enum.IsDefined(wanted))
            throw new ValidationFailedException("status", "A campaign is a draft, running, paused, completed or aborted.");
        await using var data = dataFactory.Open();
        var campaigns = data.Campaigns;
        if (query.Status is { } status)
            campaigns = campaigns.Where(c => c.Status == status);
        var total = await data.CountAsync(campaigns, ct);
        var rows = await data.ListAsync(campaigns.OrderByDescending(c => c.Created).ThenByDescending(c => c.Id).Skip(index * size).Take(size)
            .Select(c => new CampaignRow(c.Id, c.Name, c.Owner, c.Status, c.StatusReason, c.Created, c.PopulationCount,
                data.CampaignVehicles.Count(v => v.CampaignId == c.Id && v.Status == CampaignVehicleStatus.Installed), c.CurrentWave,
                data.CampaignWaves.Count(w => w.CampaignId == c.Id), c.RecallId, c.RollbackOf)), ct);
        return new Page<CampaignRow>(rows, total, index, size);
    }
}
