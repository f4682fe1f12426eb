using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Changes;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Alarms;

/// <summary>
/// Deletes a rule and the alarms it raised (permission alarms.rule.write); the audit log keeps their history. A rule
/// whose alarms should stay on record is turned off instead.
/// </summary>
public sealed class DeleteAlarmRule(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, IChangeFeed changes) : IUseCase
{
    public async Task HandleAsync(int ruleId, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.AlarmRuleWrite, ct);
        await using var data = dataFactory.Open();
        var rule = await data.FirstOrDefaultAsync(data.AlarmRules.Where(r => r.Id == ruleId), ct)
            ?? throw new NotFoundException("Alarm rule", ruleId.ToString(CultureInfo.InvariantCulture));
        var alarms = await data.ListAsync(data.Alarms.Where(a => a.RuleId == ruleId), ct);
        foreach (var alarm in alarms)
            data.Remove(alarm);
        data.Remove(rule);
        audit.Record(data, username, AlarmAuditActions.RuleDeleted, AlarmAuditActions.RuleEntity, rule.Id.ToString(CultureInfo.InvariantCulture),
            new { name = rule.Name, alarms = alarms.Count });
        await data.SaveChangesAsync(ct);
        changes.Publish(new Change(ChangeTopics.AlarmRules, ChangeTopics.AlarmAll));
        foreach (var vin in alarms.Select(a => a.Vin).Distinct())
            changes.Publish(new Change(ChangeTopics.Alarm, vin));
        changes.Publish(new Change(ChangeTopics.Alarm, ChangeTopics.AlarmAll));
    }
}
