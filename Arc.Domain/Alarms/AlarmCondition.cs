namespace Arc.Domain.Alarms;

/// <summary>What one rule knows of one vehicle between batches: since when its condition holds, and whether it raised.</summary>
public sealed class AlarmConditionState
{
    /// <summary>The device time of the first sample of the current unbroken run in which the condition held.</summary>
    public DateTimeOffset? HeldSince { get; set; }
    /// <summary>The newest sample time evaluated; older samples (late or redelivered) change nothing.</summary>
    public DateTimeOffset LastTime { get; set; } = DateTimeOffset.MinValue;
    /// <summary>The rule has an active alarm on the vehicle (raised here, or found in the database after a restart).</summary>
    public bool Raised { get; set; }
}

public enum AlarmStep
{
    None,
    Raise,
    Clear,
}

/// <summary>
/// The one state machine every telemetry rule shares. A condition raises once it has held continuously, in device time,
/// for the rule's duration; a raised alarm clears only when the value is back past the clear value, so a value wobbling
/// around the threshold neither raises nor clears again and again.
/// </summary>
public static class AlarmCondition
{
    public static AlarmStep Evaluate(AlarmRule rule, AlarmConditionState state, DateTimeOffset time, double value)
    {
        if (time <= state.LastTime)
            return AlarmStep.None;
        state.LastTime = time;
        if (Holds(rule, value))
        {
            state.HeldSince ??= time;
            if (!state.Raised && time - state.HeldSince.Value >= TimeSpan.FromSeconds(rule.DurationSeconds))
            {
                state.Raised = true;
                return AlarmStep.Raise;
            }
            return AlarmStep.None;
        }
        state.HeldSince = null;
        if (state.Raised && Clears(rule, value))
        {
            state.Raised = false;
            return AlarmStep.Clear;
        }
        return AlarmStep.None;
    }

    public static bool Holds(AlarmRule rule, double value) => rule.Kind switch
    {
        AlarmRuleKinds.FaultPoint => value != 0,
        AlarmRuleKinds.Threshold or AlarmRuleKinds.Flood when rule.Threshold is { } limit =>
            rule.Operator == ThresholdOperators.Below ? value < limit : value > limit,
        _ => false,
    };

    /// <summary>Whether a value that no longer holds the condition is also far enough back to clear the alarm.</summary>
    public static bool Clears(AlarmRule rule, double value) => rule.Kind switch
    {
        AlarmRuleKinds.FaultPoint => value == 0,
        _ when rule.ClearValue is { } back => rule.Operator == ThresholdOperators.Below ? value >= back : value <= back,
        _ => !Holds(rule, value),
    };

    public static string Describe(AlarmRule rule, double value) => rule.Kind switch
    {
        AlarmRuleKinds.FaultPoint => $"{rule.Point} reported {value:0.###}",
        AlarmRuleKinds.Flood => $"{value:0} messages in the last minute (limit {rule.Threshold:0.###})",
        AlarmRuleKinds.NotReporting => $"no report for {value:0.#} hours (limit {rule.Threshold:0.###})",
        _ => $"{rule.Point} {value:0.###} is {rule.Operator} {rule.Threshold:0.###}" +
             (rule.DurationSeconds > 0 ? $" for {TimeSpan.FromSeconds(rule.DurationSeconds):g}" : ""),
    };
}

/// <summary>
/// The messages one vehicle sent in the last minute (the telemetry-flood rule), counted by when their batches were
/// written: a message carries no single device time, and a flood is about the load the portal sees.
/// </summary>
public sealed class MessageRateWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(1);
    private readonly Queue<(DateTimeOffset At, int Count)> _entries = new();
    private int _total;

    public int Add(DateTimeOffset at, int count)
    {
        _entries.Enqueue((at, count));
        _total += count;
        while (_entries.Count > 0 && _entries.Peek().At <= at - Length)
            _total -= _entries.Dequeue().Count;
        return _total;
    }
}
