using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Rollouts;

/// <summary>
/// Rollback is a campaign too (permission firmware.campaign.write): a new draft campaign, owned by the caller, whose
/// target is the release recorded before each of the campaign's target releases (same component and part type), whose
/// population is the vehicles the campaign installed, with the same waves and settings. Answers the new campaign's id.
/// </summary>
public sealed class RollBackCampaign(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task<int> HandleAsync(int campaignId, string? name = null, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.CampaignWrite, ct);
        await using var data = dataFactory.Open();
        var source = await CampaignChanges.LoadAsync(data, campaignId, ct);
        if (source.Status == CampaignStatus.Draft)
            throw new ConflictException("A draft campaign has updated no vehicle, so there is nothing to roll back.");
        var title = string.IsNullOrWhiteSpace(name) ? Clip($"Rollback of {source.Name}") : name.Trim();
        if (title.Length > Campaign.MaxNameLength)
            throw new ValidationFailedException("name", $"A campaign's name has at most {Campaign.MaxNameLength} characters.");
        var previous = new List<int>();
        foreach (var target in await data.ListAsync(data.CampaignTargets.Where(t => t.CampaignId == campaignId), ct))
        {
            var current = await data.FirstOrDefaultAsync(data.FirmwareReleases.Where(r => r.Id == target.FirmwareReleaseId), ct);
            var before = current is null ? null : await data.FirstOrDefaultAsync(data.FirmwareReleases
                .Where(r => r.Component == current.Component && r.PartType == current.PartType
                    && (r.Created < current.Created || (r.Created == current.Created && r.Id < current.Id)))
                .OrderByDescending(r => r.Created).ThenByDescending(r => r.Id), ct);
            previous.Add(before?.Id ?? throw new ValidationFailedException("releases", $"No release of {target.Component} was recorded before {target.Hash}."));
        }
        var installed = await data.ListAsync(data.CampaignVehicles.Where(v => v.CampaignId == campaignId && v.Status == CampaignVehicleStatus.Installed)
            .OrderBy(v => v.Vin).Select(v => v.Vin), ct);
        var waves = (await data.ListAsync(data.CampaignWaves.Where(w => w.CampaignId == campaignId).OrderBy(w => w.Index), ct))
            .Select(w => new WaveDraft(w.Percent, w.FleetId, w.SuccessThreshold, w.SoakMinutes)).ToList();
        var targets = await CampaignSetup.TargetsAsync(data, previous, ct);
        var rollback = new Campaign
        {
            Name = title, Owner = username, Created = time.GetUtcNow(), RollbackOf = campaignId, RecallId = null,
            PopulationKind = PopulationKind.Campaign, PopulationId = campaignId,
            MinimumStateOfCharge = source.MinimumStateOfCharge, ReportedWithinHours = source.ReportedWithinHours, DispatchTimeoutHours = source.DispatchTimeoutHours,
            HealthAbsoluteMargin = source.HealthAbsoluteMargin, HealthRelativeMarginPercent = source.HealthRelativeMarginPercent,
            HealthMinimumSample = source.HealthMinimumSample,
        };
        await CampaignSetup.AddAsync(data, rollback, targets, waves, installed, ct);
        audit.Record(data, username, CampaignAuditActions.RollbackCreated, CampaignAuditActions.Entity, rollback.Id.ToString(CultureInfo.InvariantCulture),
            new { rollbackOf = campaignId, rollback.Name, targets = targets.Select(t => new { t.Component, t.Hash }).ToList(), rollback.PopulationCount });
        await data.SaveChangesAsync(ct);
        return rollback.Id;
    }

    private static string Clip(string text) => text.Length > Campaign.MaxNameLength ? text[..Campaign.MaxNameLength] : text;
}
