using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Rollouts;

/// <summary>A campaign's vehicles by VIN, a page at a time, filtered by status and wave (permission firmware.campaign.read).</summary>
public sealed class ListCampaignVehicles(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<Page<CampaignVehicleRow>> HandleAsync(CampaignVehicleQuery query, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.CampaignRead, ct);
        var (index, size) = Paging.Normalize(query.PageIndex, query.PageSize);
        if (query.Status is { } wanted && !Enum.IsDefined(wanted))
            throw new ValidationFailedException("status", "Not a status of a vehicle in a campaign.");
        await using var data = dataFactory.Open();
        if (!await data.AnyAsync(data.Campaigns.Where(c => c.Id == query.CampaignId), ct))
            throw new NotFoundException("Campaign", query.CampaignId.ToString(CultureInfo.InvariantCulture));
        var rows = data.CampaignVehicles.Where(v => v.CampaignId == query.CampaignId);
        if (query.Status is { } status)
            rows = rows.Where(v => v.Status == status);
        if (query.Wave is { } wave)
            rows = rows.Where(v => v.Wave == wave);
        var total = await data.CountAsync(rows, ct);
        var items = await data.ListAsync(rows.OrderBy(v => v.Vin).Skip(index * size).Take(size)
            .Select(v => new CampaignVehicleRow(v.Vin, v.Wave, v.Status, v.Reason, v.Attempts, v.Dispatched, v.LastReport, v.Installed)), ct);
        return new Page<CampaignVehicleRow>(items, total, index, size);
    }
}
