using Arc.Domain.Audit;
using Arc.Domain.Changes;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Alarms;

/// <summary>Adds an alarm rule (permission alarms.rule.write); the engine picks it up within seconds.</summary>
public sealed class CreateAlarmRule(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, IChangeFeed changes, TimeProvider time) : IUseCase
{
    public async Task<int> HandleAsync(AlarmRuleDraft draft, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.AlarmRuleWrite, ct);
        await using var data = dataFactory.Open();
        var rule = new AlarmRule { Name = "", Kind = "", Severity = "" };
        await AlarmRuleRules.ApplyAsync(data, draft, rule, ct);
        rule.Created = rule.Updated = time.GetUtcNow();
        data.Add(rule);
        await data.AssignIdAsync(rule, ct);
        audit.Record(data, username, AlarmAuditActions.RuleCreated, AlarmAuditActions.RuleEntity, rule.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            AlarmRuleSummary.Of(rule));
        await data.SaveChangesAsync(ct);
        changes.Publish(new Change(ChangeTopics.AlarmRules, ChangeTopics.AlarmAll));
        return rule.Id;
    }
}

internal static class AlarmRuleSummary
{
    public static object Of(AlarmRule r) => new
    {
        name = r.Name, kind = r.Kind, severity = r.Severity, point = r.Point, op = r.Operator, threshold = r.Threshold,
        durationSeconds = r.DurationSeconds, clearValue = r.ClearValue, scope = r.Scope, scopeId = r.ScopeId, enabled = r.Enabled,
        webhook = r.WebhookUrl is null ? null : new Uri(r.WebhookUrl).Host,
    };
}
