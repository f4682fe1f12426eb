using System.Globalization;
using Arc.Domain.Alarms;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Email;

namespace Arc.Domain.Rollouts;

/// <summary>
/// The health gate of a wave's soak window: alarms raised on the campaign's updated vehicles since they installed
/// (and since the wave began) against alarms raised on its vehicles not yet sent anything since the wave began, per
/// vehicle, all alarms and fault-point alarms apart. Pausing tells the campaign's owner by email.
/// </summary>
public sealed class CampaignHealthGate(EmailOutbox emails, PortalEnvironment environment)
{
    public static async Task<HealthFigures> FiguresAsync(IArcData data, int campaignId, DateTimeOffset windowStart, CancellationToken ct)
    {
        var installed = CampaignVehicleStatus.Installed;
        const string charger = HealthFigures.ChargerPointPrefix;
        var waiting = new[] { CampaignVehicleStatus.Queued, CampaignVehicleStatus.Ineligible }.ToList();
        var updatedVehicles = await data.CountAsync(data.CampaignVehicles.Where(v => v.CampaignId == campaignId && v.Status == installed), ct);
        var comparisonVehicles = await data.CountAsync(data.CampaignVehicles.Where(v => v.CampaignId == campaignId && waiting.Contains(v.Status)), ct);
        var updated = await data.ListAsync(
            from a in data.Alarms
            join v in data.CampaignVehicles on a.Vin equals v.Vin
            where v.CampaignId == campaignId && v.Status == installed && a.RaisedAt >= windowStart && a.RaisedAt >= v.Installed
            group a by new { Fault = a.Rule!.Kind == AlarmRuleKinds.FaultPoint, Charging = a.Rule.Point != null && a.Rule.Point.StartsWith(charger) } into g
            select new { g.Key.Fault, g.Key.Charging, Count = g.Count() }, ct);
        var comparison = await data.ListAsync(
            from a in data.Alarms
            join v in data.CampaignVehicles on a.Vin equals v.Vin
            where v.CampaignId == campaignId && waiting.Contains(v.Status) && a.RaisedAt >= windowStart
            group a by new { Fault = a.Rule!.Kind == AlarmRuleKinds.FaultPoint, Charging = a.Rule.Point != null && a.Rule.Point.StartsWith(charger) } into g
            select new { g.Key.Fault, g.Key.Charging, Count = g.Count() }, ct);
        return new HealthFigures(updatedVehicles, comparisonVehicles, updated.Sum(g => g.Count), comparison.Sum(g => g.Count),
            updated.Where(g => g.Fault).Sum(g => g.Count), comparison.Where(g => g.Fault).Sum(g => g.Count),
            updated.Where(g => g.Charging).Sum(g => g.Count), comparison.Where(g => g.Charging).Sum(g => g.Count));
    }

    public static CampaignHealthCheck Record(IArcData data, Campaign campaign, CampaignWave wave, HealthFigures f, HealthVerdict verdict, DateTimeOffset now)
    {
        var check = new CampaignHealthCheck
        {
            CampaignId = campaign.Id, Wave = wave.Index, At = now, WindowStart = wave.Started ?? now, UpdatedVehicles = f.UpdatedVehicles,
            ComparisonVehicles = f.ComparisonVehicles, UpdatedAlarms = f.UpdatedAlarms, ComparisonAlarms = f.ComparisonAlarms, UpdatedFaults = f.UpdatedFaults,
            ComparisonFaults = f.ComparisonFaults, UpdatedChargingFailures = f.UpdatedChargingFailures,
            ComparisonChargingFailures = f.ComparisonChargingFailures, Passed = !verdict.Regressed, Verdict = Clip(verdict.Text),
        };
        data.Add(check);
        return check;
    }

    /// <summary>Queues the email to the owner that the gate paused the campaign; false when the owner has no enabled account.</summary>
    public async Task<bool> TellOwnerAsync(IArcData data, Campaign campaign, string verdict, CancellationToken ct)
    {
        var owner = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == campaign.Owner && u.Enabled), ct);
        if (owner is null)
            return false;
        await emails.QueueAsync(data, owner.Email, EmailTemplates.CampaignPaused, new
        {
            name = owner.DisplayName ?? owner.Email, campaign = campaign.Name, id = campaign.Id.ToString(CultureInfo.InvariantCulture),
            wave = (campaign.CurrentWave + 1).ToString(CultureInfo.InvariantCulture), verdict,
            campaignUrl = environment.Link("firmware/campaigns/" + campaign.Id.ToString(CultureInfo.InvariantCulture)),
        }, ct);
        return true;
    }

    public void Deliver() => emails.Deliver();

    private static string Clip(string text) => text.Length > 1000 ? text[..1000] : text;

    /// <summary>The audit of a pause by the gate, with the figures compared.</summary>
    public static void Audit(IArcData data, AuditTrail audit, Campaign campaign, HealthFigures f, HealthVerdict verdict) =>
        audit.Record(data, AuditTrail.SystemActor, CampaignAuditActions.PausedByHealthGate, CampaignAuditActions.Entity,
            campaign.Id.ToString(CultureInfo.InvariantCulture), new { wave = campaign.CurrentWave, figures = f, verdict = verdict.Text });
}
