using Arc.Domain.Common;
using Arc.Domain.Jobs;
using Arc.Domain.Telemetry;

namespace Arc.Domain.Alarms;

/// <summary>
/// Raises "not reporting for N hours" for vehicles in a rule's scope whose last report is older than that, and clears it
/// once they report again. Runs every minute on one node. A vehicle that never reported is not counted as silent: it
/// may not be on the road yet.
/// </summary>
public sealed class CheckNotReportingAlarms(IArcDataFactory dataFactory, ITelemetryStore telemetry, AlarmLifecycle lifecycle, TimeProvider time) : IBackgroundJob
{
    public const string JobKind = "alarms-not-reporting";
    private const int Chunk = 500;

    public string Kind => JobKind;

    public async Task RunAsync(long subjectId, CancellationToken ct)
    {
        List<AlarmRule> rules;
        await using (var data = dataFactory.Open())
            rules = await data.ListAsync(data.AlarmRules.Where(r => r.Enabled && r.Kind == AlarmRuleKinds.NotReporting), ct);
        foreach (var rule in rules)
            await CheckAsync(rule, ct);
    }

    private async Task CheckAsync(AlarmRule rule, CancellationToken ct)
    {
        var limit = TimeSpan.FromHours(rule.Threshold ?? 24);
        for (var offset = 0; ; offset += Chunk)
        {
            List<string> vins;
            HashSet<string> active;
            await using (var data = dataFactory.Open())
            {
                var scoped = rule.Scope switch
                {
                    AlarmScopes.Model => data.Vehicles.Where(v => v.ModelRelease!.ModelId == rule.ScopeId).Select(v => v.Vin),
                    AlarmScopes.Fleet => data.FleetVehicles.Where(fv => fv.FleetId == rule.ScopeId).Select(fv => fv.Vin),
                    _ => data.Vehicles.Select(v => v.Vin),
                };
                vins = await data.ListAsync(scoped.OrderBy(v => v).Skip(offset).Take(Chunk), ct);
                active = (await data.ListAsync(data.Alarms.Where(a => a.RuleId == rule.Id && a.ClearedAt == null && vins.Contains(a.Vin)).Select(a => a.Vin), ct))
                    .ToHashSet(StringComparer.Ordinal);
            }
            if (vins.Count == 0)
                return;
            var now = time.GetUtcNow();
            foreach (var state in await telemetry.LatestStatesAsync(vins, ct))
            {
                if (state.LastReport is not { } last)
                    continue;
                var silent = now - last;
                if (silent > limit && !active.Contains(state.Vin))
                    await lifecycle.RaiseAsync(rule, state.Vin, Math.Round(silent.TotalHours, 1), AlarmCondition.Describe(rule, silent.TotalHours), ct);
                else if (silent <= limit && active.Contains(state.Vin))
                    await lifecycle.ClearByRuleAsync(rule.Id, state.Vin, Math.Round(silent.TotalHours, 1), ct);
            }
            if (vins.Count < Chunk)
                return;
        }
    }
}
