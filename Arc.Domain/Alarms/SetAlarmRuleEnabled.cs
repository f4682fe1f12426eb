using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Changes;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Alarms;

/// <summary>Turns a rule on or off (permission alarms.rule.write). A rule turned off raises nothing; its alarms stay as they are.</summary>
public sealed class SetAlarmRuleEnabled(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, IChangeFeed changes, TimeProvider time) : IUseCase
{
    public async Task HandleAsync(int ruleId, bool enabled, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.AlarmRuleWrite, ct);
        await using var data = dataFactory.Open();
        var rule = await data.FirstOrDefaultAsync(data.AlarmRules.Where(r => r.Id == ruleId), ct)
            ?? throw new NotFoundException("Alarm rule", ruleId.ToString(CultureInfo.InvariantCulture));
        if (rule.Enabled == enabled)
            return;
        rule.Enabled = enabled;
        rule.Updated = time.GetUtcNow();
        audit.Record(data, username, AlarmAuditActions.RuleChanged, AlarmAuditActions.RuleEntity, rule.Id.ToString(CultureInfo.InvariantCulture),
            new { name = rule.Name, enabled });
        await data.SaveChangesAsync(ct);
        changes.Publish(new Change(ChangeTopics.AlarmRules, ChangeTopics.AlarmAll));
    }
}
