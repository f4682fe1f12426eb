using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Rollouts;

/// <summary>
/// One campaign as its page shows it (permission firmware.campaign.read): target, population, settings, each wave with
/// its vehicles counted by status, every health gate evaluation with both groups' rates, and every transition.
/// </summary>
public sealed class GetCampaign(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<CampaignDetail> HandleAsync(int campaignId, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.CampaignRead, ct);
        await using var data = dataFactory.Open();
        var c = await data.FirstOrDefaultAsync(data.Campaigns.Where(x => x.Id == campaignId), ct)
            ?? throw new NotFoundException("Campaign", campaignId.ToString(CultureInfo.InvariantCulture));
        var targets = await data.ListAsync(data.CampaignTargets.Where(t => t.CampaignId == campaignId).OrderBy(t => t.Component)
            .Select(t => new CampaignTargetView(t.Component, t.PartType, t.FirmwareReleaseId, t.Hash)), ct);
        var counts = await data.ListAsync(data.CampaignVehicles.Where(v => v.CampaignId == campaignId)
            .GroupBy(v => new { v.Wave, v.Status }).Select(g => new { g.Key.Wave, g.Key.Status, Count = g.Count() }), ct);
        var waves = (await data.ListAsync(data.CampaignWaves.Where(w => w.CampaignId == campaignId).OrderBy(w => w.Index), ct))
            .Select(w => new CampaignWaveView(w.Index, w.Percent, w.FleetId, w.SuccessThreshold, w.SoakMinutes, w.VehicleCount, w.Started, w.ThresholdMet,
                w.Completed, Counted(counts.Where(n => n.Wave == w.Index).Select(n => (n.Status, n.Count))))).ToList();
        var checks = await data.ListAsync(data.CampaignHealthChecks.Where(h => h.CampaignId == campaignId).OrderBy(h => h.At).ThenBy(h => h.Id), ct);
        var transitions = await data.ListAsync(data.CampaignTransitions.Where(t => t.CampaignId == campaignId).OrderBy(t => t.At).ThenBy(t => t.Id)
            .Select(t => new CampaignTransitionView(t.At, t.Actor, t.From, t.To, t.Wave, t.Reason)), ct);
        var recallNumber = c.RecallId is { } recallId
            ? await data.FirstOrDefaultAsync(data.Recalls.Where(r => r.Id == recallId).Select(r => r.NhtsaNumber), ct)
            : null;
        return new CampaignDetail(c.Id, c.Name, c.Owner, c.Created, c.Status, c.StatusReason, c.StatusChanged, c.RecallId, recallNumber, c.RollbackOf,
            c.PopulationKind, c.PopulationId, c.PopulationComponent, c.PopulationCount,
            new CampaignEligibility(c.MinimumStateOfCharge, c.ReportedWithinHours, c.DispatchTimeoutHours),
            new CampaignHealthSettings(c.HealthAbsoluteMargin, c.HealthRelativeMarginPercent, c.HealthMinimumSample), c.CurrentWave, targets, waves,
            Counted(counts.GroupBy(n => n.Status).Select(g => (g.Key, g.Sum(n => n.Count)))),
            checks.Select(h => new CampaignHealthView(h.Wave, h.At, h.WindowStart, h.UpdatedVehicles, h.ComparisonVehicles, h.UpdatedAlarms,
                h.ComparisonAlarms, h.UpdatedFaults, h.ComparisonFaults, HealthFigures.Rate(h.UpdatedAlarms, h.UpdatedVehicles),
                HealthFigures.Rate(h.ComparisonAlarms, h.ComparisonVehicles), HealthFigures.Rate(h.UpdatedFaults, h.UpdatedVehicles),
                HealthFigures.Rate(h.ComparisonFaults, h.ComparisonVehicles), HealthFigures.Rate(h.UpdatedChargingFailures, h.UpdatedVehicles),
                HealthFigures.Rate(h.ComparisonChargingFailures, h.ComparisonVehicles), h.Passed, h.Verdict)).ToList(),
            transitions, c.Version);
    }

    /// <summary>A count for every status, zero where none.</summary>
    private static Dictionary<CampaignVehicleStatus, int> Counted(IEnumerable<(CampaignVehicleStatus Status, int Count)> counts)
    {
        var result = Enum.GetValues<CampaignVehicleStatus>().ToDictionary(s => s, _ => 0);
        foreach (var (status, count) in counts)
            result[status] += count;
        return result;
    }
}
