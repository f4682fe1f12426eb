using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Changes;
using Arc.Domain.Common;

namespace Arc.Domain.Alarms;

/// <summary>
/// What the engine does with what it decided: raises an alarm (unless its rule already has one active on the vehicle)
/// or clears one by its rule, each with its audit event, in one save, then tells open pages.
/// </summary>
public sealed class AlarmLifecycle(IArcDataFactory dataFactory, AuditTrail audit, IChangeFeed changes, AlarmNotifications notifications, TimeProvider time)
{
    /// <returns>False when the rule already had an active alarm on the vehicle (raised here or by another node).</returns>
    public async Task<bool> RaiseAsync(AlarmRule rule, string vin, double? value, string details, CancellationToken ct)
    {
        await using var data = dataFactory.Open();
        if (await data.AnyAsync(data.Alarms.Where(a => a.RuleId == rule.Id && a.Vin == vin && a.ClearedAt == null), ct))
            return false;
        var alarm = new Alarm
        {
            RuleId = rule.Id, Vin = vin, Severity = rule.Severity, RaisedAt = time.GetUtcNow(), Value = value,
            Details = details.Length > Alarm.MaxDetailsLength ? details[..Alarm.MaxDetailsLength] : details,
        };
        data.Add(alarm);
        await data.AssignIdAsync(alarm, ct);
        audit.Record(data, AuditTrail.SystemActor, AlarmAuditActions.Raised, AlarmAuditActions.AlarmEntity, alarm.Id.ToString(CultureInfo.InvariantCulture),
            new { vin, rule = rule.Id, ruleName = rule.Name, severity = rule.Severity, value, details = alarm.Details });
        var emailed = await notifications.QueueAsync(data, rule, alarm, ct);
        try
        {
            await data.SaveChangesAsync(ct);
        }
        catch (ConflictException)
        {
            // Another node raised it between the check and the save: the unique index kept it to one.
            return false;
        }
        if (emailed)
            notifications.Deliver();
        AlarmAnnouncements.Publish(changes, vin);
        return true;
    }

    /// <returns>False when there was no active alarm of the rule on the vehicle (already cleared by hand).</returns>
    public async Task<bool> ClearByRuleAsync(int ruleId, string vin, double? value, CancellationToken ct)
    {
        await using var data = dataFactory.Open();
        var alarm = await data.FirstOrDefaultAsync(data.Alarms.Where(a => a.RuleId == ruleId && a.Vin == vin && a.ClearedAt == null), ct);
        if (alarm is null)
            return false;
        alarm.ClearedBy = AuditTrail.SystemActor;
        alarm.ClearedAt = time.GetUtcNow();
        alarm.ClearValue = value;
        data.ExpectVersion(alarm, null, "alarm");
        audit.Record(data, AuditTrail.SystemActor, AlarmAuditActions.Cleared, AlarmAuditActions.AlarmEntity, alarm.Id.ToString(CultureInfo.InvariantCulture),
            new { vin, rule = ruleId, by = "rule", value });
        try
        {
            await data.SaveChangesAsync(ct);
        }
        catch (ConflictException)
        {
            // Someone cleared or acknowledged it at the same moment; the next evaluation sees what stands.
            return false;
        }
        AlarmAnnouncements.Publish(changes, vin);
        return true;
    }
}
