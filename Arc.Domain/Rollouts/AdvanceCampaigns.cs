using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Jobs;
using Arc.Domain.SideEffects;
using Arc.Domain.Telemetry;

namespace Arc.Domain.Rollouts;

/// <summary>
/// Moves every running campaign along; runs every minute on one node, and at once after a start or a retry (subject: the
/// campaign, or 0 for all). One round of one campaign: in-flight vehicles silent past the timeout become timed out;
/// queued and ineligible vehicles of the waves reached so far are checked and dispatched (the target goes to their
/// shadow through the outbox); the current wave's success is measured, its soak window watched by the health gate, and
/// the next wave started (or the campaign completed) once the soak has passed healthy. A round saves once, claiming the
/// campaign's version, so a pause or abort made meanwhile wins and the round is dropped.
/// </summary>
public sealed class AdvanceCampaigns(IArcDataFactory dataFactory, ILatestTelemetry latest, Outbox outbox, AuditTrail audit, CampaignHealthGate gate,
    TimeProvider time) : IBackgroundJob
{
    public const string JobKind = "ota-campaigns-advance";

    public string Kind => JobKind;

    public async Task RunAsync(long subjectId, CancellationToken ct)
    {
        List<int> ids;
        await using (var data = dataFactory.Open())
            ids = await data.ListAsync(data.Campaigns.Where(c => c.Status == CampaignStatus.Running && (subjectId == 0 || c.Id == subjectId))
                .OrderBy(c => c.Id).Select(c => c.Id), ct);
        foreach (var id in ids)
        {
            try
            {
                await AdvanceAsync(id, ct);
            }
            catch (ConflictException)
            {
                // Someone paused, resumed or aborted it during the round, or another node ran it: the next round starts afresh.
            }
        }
    }

    private async Task AdvanceAsync(int campaignId, CancellationToken ct)
    {
        await using var data = dataFactory.Open();
        var campaign = await data.FirstOrDefaultAsync(data.Campaigns.Where(c => c.Id == campaignId), ct);
        if (campaign is not { Status: CampaignStatus.Running })
            return;
        data.ExpectVersion(campaign, campaign.Version, $"Campaign {campaignId.ToString(CultureInfo.InvariantCulture)}");
        var now = time.GetUtcNow();
        await TimeOutAsync(data, campaign, now, ct);
        await DispatchAsync(data, campaign, now, ct);
        var told = await ProgressAsync(data, campaign, now, ct);
        await data.SaveChangesAsync(ct);
        if (told)
            gate.Deliver();
    }

    private async Task TimeOutAsync(IArcData data, Campaign campaign, DateTimeOffset now, CancellationToken ct)
    {
        var limit = now - TimeSpan.FromHours(campaign.DispatchTimeoutHours);
        var inFlight = CampaignRules.InFlight.ToList();
        var silent = await data.ListAsync(data.CampaignVehicles.Where(v => v.CampaignId == campaign.Id && inFlight.Contains(v.Status) && v.LastReport < limit), ct);
        foreach (var entry in silent)
        {
            data.ExpectVersion(entry, entry.Version, $"The entry of {entry.Vin}");
            (entry.Status, entry.Reason) = (CampaignVehicleStatus.TimedOut, $"No report for {campaign.DispatchTimeoutHours} hours after it was sent the update.");
        }
        // The target leaves a timed-out vehicle's desired state; a retry sends it again.
        outbox.PublishShadows(data, silent.Select(e => e.Vin), AuditTrail.SystemActor);
    }

    private async Task DispatchAsync(IArcData data, Campaign campaign, DateTimeOffset now, CancellationToken ct)
    {
        var waiting = await data.ListAsync(data.CampaignVehicles.Where(v => v.CampaignId == campaign.Id && v.Wave <= campaign.CurrentWave
            && (v.Status == CampaignVehicleStatus.Queued || v.Status == CampaignVehicleStatus.Ineligible)).OrderBy(v => v.Vin), ct);
        if (waiting.Count == 0)
            return;
        var vins = waiting.Select(v => v.Vin).ToList();
        var states = (await latest.ActivityAsync(vins, ct)).ToDictionary(s => s.Vin, StringComparer.Ordinal);
        var managed = (await data.ListAsync(data.ManagedSessions.Where(s => s.Completion == null && vins.Contains(s.Vin)).Select(s => s.Vin), ct))
            .ToHashSet(StringComparer.Ordinal);
        var inFlight = CampaignRules.InFlight.ToList();
        var elsewhere = (await data.ListAsync(
                from v in data.CampaignVehicles
                join c in data.Campaigns on v.CampaignId equals c.Id
                where vins.Contains(v.Vin) && v.CampaignId != campaign.Id && inFlight.Contains(v.Status)
                    && (c.Status == CampaignStatus.Running || c.Status == CampaignStatus.Paused)
                select new { v.Vin, v.CampaignId }, ct))
            .GroupBy(v => v.Vin).ToDictionary(g => g.Key, g => g.First().CampaignId, StringComparer.Ordinal);
        var dispatched = new List<string>();
        foreach (var entry in waiting)
        {
            var reason = CampaignProgressRules.IneligibleReason(campaign, states.GetValueOrDefault(entry.Vin), managed.Contains(entry.Vin),
                elsewhere.TryGetValue(entry.Vin, out var other) ? other : null, now);
            if (reason is not null)
            {
                (entry.Status, entry.Reason) = (CampaignVehicleStatus.Ineligible, reason);
                continue;
            }
            (entry.Status, entry.Reason, entry.Dispatched, entry.LastReport) = (CampaignVehicleStatus.Dispatched, null, now, now);
            entry.Attempts++;
            dispatched.Add(entry.Vin);
        }
        outbox.PublishShadows(data, dispatched, AuditTrail.SystemActor);
    }

    /// <summary>Measures the current wave and moves on when it may; answers whether the owner was told of a pause.</summary>
    private async Task<bool> ProgressAsync(IArcData data, Campaign campaign, DateTimeOffset now, CancellationToken ct)
    {
        var waves = await data.ListAsync(data.CampaignWaves.Where(w => w.CampaignId == campaign.Id).OrderBy(w => w.Index), ct);
        var wave = waves.FirstOrDefault(w => w.Index == campaign.CurrentWave);
        if (wave is null)
            return false;
        wave.Started ??= now;
        var counts = (await data.ListAsync(data.CampaignVehicles.Where(v => v.CampaignId == campaign.Id && v.Wave == wave.Index)
            .GroupBy(v => v.Status).Select(g => new { g.Key, Count = g.Count() }), ct)).ToDictionary(g => g.Key, g => g.Count);
        if (wave.ThresholdMet is null && CampaignProgressRules.ThresholdMet(wave.VehicleCount, counts.GetValueOrDefault(CampaignVehicleStatus.Ineligible),
                counts.GetValueOrDefault(CampaignVehicleStatus.Installed), wave.SuccessThreshold))
            wave.ThresholdMet = now;
        if (wave.ThresholdMet is not { } met)
            return false;

        var figures = await CampaignHealthGate.FiguresAsync(data, campaign.Id, wave.Started.Value, ct);
        var verdict = CampaignProgressRules.Evaluate(figures, campaign.HealthAbsoluteMargin, campaign.HealthRelativeMarginPercent, campaign.HealthMinimumSample);
        if (verdict.Regressed && !wave.HealthAccepted)
        {
            CampaignHealthGate.Record(data, campaign, wave, figures, verdict, now);
            CampaignRules.Move(data, campaign, CampaignStatus.Paused, AuditTrail.SystemActor, "Health gate: " + verdict.Text, now);
            CampaignHealthGate.Audit(data, audit, campaign, figures, verdict);
            return await gate.TellOwnerAsync(data, campaign, verdict.Text, ct);
        }
        if (now < met + TimeSpan.FromMinutes(wave.SoakMinutes))
            return false;

        CampaignHealthGate.Record(data, campaign, wave, figures, verdict, now);
        wave.Completed = now;
        var id = campaign.Id.ToString(CultureInfo.InvariantCulture);
        if (wave.Index == waves.Count - 1)
        {
            CampaignRules.Move(data, campaign, CampaignStatus.Completed, AuditTrail.SystemActor, "Every wave reached its threshold and passed its soak.", now);
            audit.Record(data, AuditTrail.SystemActor, CampaignAuditActions.Completed, CampaignAuditActions.Entity, id, new { waves = waves.Count, figures });
            return false;
        }
        campaign.CurrentWave++;
        waves[campaign.CurrentWave].Started = now;
        var reason = $"Wave {wave.Index + 1} passed its soak; wave {campaign.CurrentWave + 1} started.";
        data.Add(new CampaignTransition
        {
            CampaignId = campaign.Id, At = now, Actor = AuditTrail.SystemActor, From = campaign.Status, To = campaign.Status, Wave = campaign.CurrentWave, Reason = reason,
        });
        audit.Record(data, AuditTrail.SystemActor, CampaignAuditActions.WaveStarted, CampaignAuditActions.Entity, id,
            new { wave = campaign.CurrentWave, previous = new { wave.Index, figures, verdict = verdict.Text } });
        return false;
    }
}
