using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Changes;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Alarms;

/// <summary>
/// Changes an alarm rule (permission alarms.rule.write), refused when someone saved it since the page read it. Alarms it
/// already raised keep the severity they were raised with.
/// </summary>
public sealed class UpdateAlarmRule(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, IChangeFeed changes, TimeProvider time) : IUseCase
{
    public async Task HandleAsync(int ruleId, AlarmRuleDraft draft, uint? version, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.AlarmRuleWrite, ct);
        await using var data = dataFactory.Open();
        var rule = await data.FirstOrDefaultAsync(data.AlarmRules.Where(r => r.Id == ruleId), ct)
            ?? throw new NotFoundException("Alarm rule", ruleId.ToString(CultureInfo.InvariantCulture));
        await AlarmRuleRules.ApplyAsync(data, draft, rule, ct);
        rule.Updated = time.GetUtcNow();
        data.ExpectVersion(rule, version, "alarm rule");
        audit.Record(data, username, AlarmAuditActions.RuleChanged, AlarmAuditActions.RuleEntity, rule.Id.ToString(CultureInfo.InvariantCulture),
            AlarmRuleSummary.Of(rule));
        await data.SaveChangesAsync(ct);
        changes.Publish(new Change(ChangeTopics.AlarmRules, ChangeTopics.AlarmAll));
    }
}
