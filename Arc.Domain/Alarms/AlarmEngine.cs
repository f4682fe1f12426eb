using Arc.Domain.Changes;
using Arc.Domain.Common;
using Arc.Domain.Intake;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Arc.Domain.Alarms;

/// <summary>
/// Evaluates the telemetry rules (thresholds, fault points, floods) on every batch the intake writes. What each rule
/// knows of each vehicle lives in memory; after a restart the alarms still active in the database say which are raised,
/// and a duration starts again from the next sample (so a restart may delay an alarm, never invent one).
/// </summary>
public sealed partial class AlarmEngine(IServiceScopeFactory scopes, IChangeFeed changes, TimeProvider time, ILogger<AlarmEngine> logger) : IIntakeObserver, IDisposable
{
    public static readonly TimeSpan RulesRefresh = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan ScopeRefresh = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(int RuleId, string Vin), AlarmConditionState> _states = [];
    private readonly Dictionary<string, MessageRateWindow> _rates = new(StringComparer.Ordinal);
    private readonly VehicleScopes _vehicleScopes = new(time, ScopeRefresh);
    private IReadOnlyList<AlarmRule> _rules = [];
    private DateTimeOffset _rulesReadAt = DateTimeOffset.MinValue;
    private bool _restored;
    private IDisposable? _ruleChanges;
    private int _rulesGeneration;

    private sealed record Decision(AlarmRule Rule, string Vin, AlarmStep Step, double Value);

    /// <summary>How many times a rule change was announced to this engine (tests wait on it).</summary>
    public int RulesGeneration => Volatile.Read(ref _rulesGeneration);

    /// <summary>Listens for rule changes made on any node, so the next batch reads the rules again at once.</summary>
    public void Start() => _ruleChanges ??= changes.Subscribe(ChangeTopics.AlarmRules, ChangeTopics.AlarmAll, () =>
    {
        _rulesReadAt = DateTimeOffset.MinValue;
        Interlocked.Increment(ref _rulesGeneration);
        return Task.CompletedTask;
    });

    public async Task OnBatchWrittenAsync(IntakeBatch batch, CancellationToken ct)
    {
        Start();
        List<Decision> decisions;
        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var dataFactory = scope.ServiceProvider.GetRequiredService<IArcDataFactory>();
            await RefreshAsync(dataFactory, ct);
            var rules = _rules.Where(r => r.Enabled && r.Kind != AlarmRuleKinds.NotReporting).ToList();
            if (rules.Count == 0)
                return;
            var vins = batch.Samples.Select(s => s.Vin).Concat(batch.MessagesByVin.Keys).Distinct(StringComparer.Ordinal).ToList();
            if (rules.Any(r => r.Scope != AlarmScopes.All))
                await _vehicleScopes.LoadAsync(dataFactory, vins, ct);
            decisions = Evaluate(rules, batch);
        }
        finally
        {
            _gate.Release();
        }
        if (decisions.Count > 0)
            await ApplyAsync(decisions, ct);
    }

    private List<Decision> Evaluate(List<AlarmRule> rules, IntakeBatch batch)
    {
        var decisions = new List<Decision>();
        foreach (var samples in batch.Samples.GroupBy(s => s.Vin, StringComparer.Ordinal))
        {
            var watching = rules.Where(r => r.Kind is AlarmRuleKinds.Threshold or AlarmRuleKinds.FaultPoint && _vehicleScopes.Covers(r, samples.Key)).ToList();
            if (watching.Count == 0)
                continue;
            foreach (var sample in samples.OrderBy(s => s.Time))
            {
                foreach (var rule in watching)
                {
                    if (rule.Point is not null && sample.Fields.TryGetValue(rule.Point, out var value))
                        Step(decisions, rule, sample.Vin, sample.Time, value);
                }
            }
        }
        var floods = rules.Where(r => r.Kind == AlarmRuleKinds.Flood).ToList();
        if (floods.Count > 0)
        {
            foreach (var (vin, count) in batch.MessagesByVin)
            {
                if (!_rates.TryGetValue(vin, out var window))
                    _rates[vin] = window = new MessageRateWindow();
                var rate = window.Add(batch.WrittenAt, count);
                foreach (var rule in floods.Where(r => _vehicleScopes.Covers(r, vin)))
                    Step(decisions, rule, vin, batch.WrittenAt, rate);
            }
        }
        return decisions;
    }

    private void Step(List<Decision> decisions, AlarmRule rule, string vin, DateTimeOffset at, double value)
    {
        var key = (rule.Id, vin);
        if (!_states.TryGetValue(key, out var state))
            _states[key] = state = new AlarmConditionState();
        var step = AlarmCondition.Evaluate(rule, state, at, value);
        if (step != AlarmStep.None)
            decisions.Add(new Decision(rule, vin, step, value));
        // A rule that neither holds nor has raised needs no memory of the vehicle: the next sample starts afresh.
        if (state.HeldSince is null && !state.Raised)
            _states.Remove(key);
    }

    private async Task ApplyAsync(List<Decision> decisions, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var lifecycle = scope.ServiceProvider.GetRequiredService<AlarmLifecycle>();
        foreach (var decision in decisions)
        {
            try
            {
                if (decision.Step == AlarmStep.Raise)
                    await lifecycle.RaiseAsync(decision.Rule, decision.Vin, decision.Value, AlarmCondition.Describe(decision.Rule, decision.Value), ct);
                else
                    await lifecycle.ClearByRuleAsync(decision.Rule.Id, decision.Vin, decision.Value, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogApplyFailed(logger, e, decision.Step, decision.Rule.Id, decision.Vin);
                await ForgetAsync(decision, ct);
            }
        }
    }

    /// <summary>A raise that failed is tried again on the next sample that holds the condition, instead of being taken as done.</summary>
    private async Task ForgetAsync(Decision decision, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            _states.Remove((decision.Rule.Id, decision.Vin));
            if (decision.Step == AlarmStep.Clear)
                _states[(decision.Rule.Id, decision.Vin)] = new AlarmConditionState { Raised = true };
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RefreshAsync(IArcDataFactory dataFactory, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (now - _rulesReadAt < RulesRefresh && _restored)
            return;
        await using var data = dataFactory.Open();
        _rules = await data.ListAsync(data.AlarmRules.Where(r => r.Enabled), ct);
        _rulesReadAt = now;
        var live = _rules.Select(r => r.Id).ToHashSet();
        foreach (var key in _states.Keys.Where(k => !live.Contains(k.RuleId)).ToList())
            _states.Remove(key);
        if (_restored)
            return;
        var active = await data.ListAsync(data.Alarms.Where(a => a.ClearedAt == null).Select(a => new { a.RuleId, a.Vin }), ct);
        foreach (var alarm in active)
            _states[(alarm.RuleId, alarm.Vin)] = new AlarmConditionState { Raised = true };
        _restored = true;
    }

    public void Dispose()
    {
        _ruleChanges?.Dispose();
        _gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Alarm step {Step} of rule {RuleId} on {Vin} failed; the next sample tries again")]
    private static partial void LogApplyFailed(ILogger logger, Exception exception, AlarmStep step, int ruleId, string vin);
}
