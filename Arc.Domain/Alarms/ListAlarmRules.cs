using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Alarms;

public sealed record AlarmRuleView(int Id, string Name, string Kind, string Severity, string? Point, string? Operator, double? Threshold,
    int DurationSeconds, double? ClearValue, string Scope, int? ScopeId, string? ScopeName, bool Enabled, string? WebhookUrl, uint Version,
    int ActiveAlarms)
{
    public AlarmRuleDraft ToDraft() => new(Name, Kind, Severity, Point, Operator, Threshold, DurationSeconds, ClearValue, Scope, ScopeId, Enabled, WebhookUrl);
}

/// <summary>The alarm rules by name, with how many alarms each has active (permission alarms.alarm.read).</summary>
public sealed class ListAlarmRules(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<IReadOnlyList<AlarmRuleView>> HandleAsync(CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.AlarmRead, ct);
        await using var data = dataFactory.Open();
        return await data.ListAsync(data.AlarmRules.OrderBy(r => r.Name).ThenBy(r => r.Id)
            .Select(r => new AlarmRuleView(r.Id, r.Name, r.Kind, r.Severity, r.Point, r.Operator, r.Threshold, r.DurationSeconds, r.ClearValue,
                r.Scope, r.ScopeId,
                r.Scope == AlarmScopes.Model ? data.VehicleModels.Where(m => m.Id == r.ScopeId).Select(m => m.ModelName).FirstOrDefault()
                : r.Scope == AlarmScopes.Fleet ? data.Fleets.Where(f => f.Id == r.ScopeId).Select(f => f.Name).FirstOrDefault() : null,
                r.Enabled, r.WebhookUrl, r.Version, data.Alarms.Count(a => a.RuleId == r.Id && a.ClearedAt == null))), ct);
    }
}
