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
        var waveRows = await data.ListAsync(data.CampaignWaves.Where(w => w.CampaignId == campaignId).OrderBy(w => w.Index), ct);
        var waveFleets = waveRows.Where(w => w.FleetId is not null).Select(w => w.FleetId!.Value).Distinct().ToList();
        var fleetNames = (await data.ListAsync(data.Fleets.Where(f => waveFleets.Contains(f.Id)).Select(f => new { f.Id, f.Name }), ct))
            .ToDictionary(f => f.Id, f => f.Name);
        var waves = waveRows
            .Select(w => new CampaignWaveView(w.Index, w.Percent, w.FleetId, w.SuccessThreshold, w.SoakMinutes, w.VehicleCount, w.Started, w.ThresholdMet,
                w.Completed, Counted(counts.Where(n => n.Wave == w.Index).Select(n => (n.Status, n.Count))),
                w.FleetId is { } fleet ? fleetNames.GetValueOrDefault(fleet) : null)).ToList();
        var checks = await data.ListAsync(data.CampaignHealthChecks.Where(h => h.CampaignId == campaignId).OrderBy(h => h.At).ThenBy(h => h.Id), ct);
        var transitions = await data.ListAsync(data.CampaignTransitions.Where(t => t.CampaignId == campaignId).OrderBy(t => t.At).ThenBy(t => t.Id)
            .Select(t => new CampaignTransitionView(t.At, t.Actor, t.From, t.To, t.Wave, t.Reason)), ct);
        var recallNumber = c.RecallId is { } recallId
            ? await data.FirstOrDefaultAsync(data.Recalls.Where(r => r.Id == recallId).Select(r => r.NhtsaNumber), ct)
            : null;
        return new CampaignDetail(c.Id, c.Name, c.Owner, c.Created, c.Status, c.StatusReason, c.StatusChanged, c.RecallId, recallNumber, c.RollbackOf,
            c.PopulationKind, c.PopulationId, c.PopulationComponent, await PopulationNameAsync(data, c, ct), c.PopulationCount,
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

    /// <summary>What the population's id stands for, as a person knows it: a fleet's or model's name, a release's description or firmware hash, a recall's number.</summary>
    private static async Task<string?> PopulationNameAsync(IArcData data, Campaign c, CancellationToken ct) => (c.PopulationKind, c.PopulationId) switch
    {
        (_, null) => null,
        (PopulationKind.Fleet, { } id) => await data.FirstOrDefaultAsync(data.Fleets.Where(f => f.Id == id).Select(f => f.Name), ct),
        (PopulationKind.Model, { } id) => await data.FirstOrDefaultAsync(data.VehicleModels.Where(m => m.Id == id).Select(m => m.ModelName), ct),
        (PopulationKind.ModelRelease, { } id) => await data.FirstOrDefaultAsync(data.ModelReleases.Where(r => r.ModelReleaseId == id).Select(r => r.Description), ct),
        (PopulationKind.Recall, { } id) => await data.FirstOrDefaultAsync(data.Recalls.Where(r => r.Id == id).Select(r => r.NhtsaNumber), ct),
        (PopulationKind.FirmwareBelow, { } id) => await data.FirstOrDefaultAsync(data.FirmwareReleases.Where(r => r.Id == id).Select(r => r.Hash), ct),
        (PopulationKind.Campaign, { } id) => await data.FirstOrDefaultAsync(data.Campaigns.Where(x => x.Id == id).Select(x => x.Name), ct),
        _ => null,
    };
}
