using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Recalls;

namespace Arc.Domain.Rollouts;

/// <summary>
/// Creates an over-the-air campaign as a draft (permission firmware.campaign.write): the target from recorded releases,
/// the population resolved to its VINs now and split into the waves, the eligibility and health gate settings, and an
/// optional link to the recall whose remedy it carries. The creator owns it. Answers the new campaign's id.
/// </summary>
public sealed class CreateCampaign(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task<int> HandleAsync(CampaignDraft draft, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.CampaignWrite, ct);
        CampaignRules.Validate(draft);
        await using var data = dataFactory.Open();
        var targets = await CampaignSetup.TargetsAsync(data, draft.ReleaseIds, ct);
        if (draft.RecallId is { } recallId && !await data.AnyAsync(data.Recalls.Where(r => r.Id == recallId && r.Status == RecallStatus.Active), ct))
            throw new ValidationFailedException("recall", $"There is no recall {recallId.ToString(CultureInfo.InvariantCulture)}.");
        var (vins, component) = await CampaignSetup.PopulationAsync(data, draft.Population, ct);
        var eligibility = draft.Eligibility ?? new CampaignEligibility();
        var health = draft.Health ?? new CampaignHealthSettings();
        var campaign = new Campaign
        {
            Name = draft.Name.Trim(), Owner = username, Created = time.GetUtcNow(), RecallId = draft.RecallId ?? (draft.Population.Kind == PopulationKind.Recall ? draft.Population.Id : null),
            PopulationKind = draft.Population.Kind, PopulationId = draft.Population.Id, PopulationComponent = component,
            MinimumStateOfCharge = eligibility.MinimumStateOfCharge, ReportedWithinHours = eligibility.ReportedWithinHours,
            DispatchTimeoutHours = eligibility.DispatchTimeoutHours, HealthAbsoluteMargin = health.AbsoluteMargin,
            HealthRelativeMarginPercent = health.RelativeMarginPercent, HealthMinimumSample = health.MinimumSample,
        };
        await CampaignSetup.AddAsync(data, campaign, targets, draft.Waves, vins, ct);
        audit.Record(data, username, CampaignAuditActions.Created, CampaignAuditActions.Entity, campaign.Id.ToString(CultureInfo.InvariantCulture), new
        {
            campaign.Name, targets = targets.Select(t => new { t.Component, t.Hash }).ToList(), population = new { kind = campaign.PopulationKind.ToString(), campaign.PopulationId },
            campaign.PopulationCount, waves = draft.Waves, eligibility, health, campaign.RecallId,
        });
        await data.SaveChangesAsync(ct);
        return campaign.Id;
    }
}
