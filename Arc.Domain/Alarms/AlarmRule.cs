namespace Arc.Domain.Alarms;

/// <summary>
/// A condition watched on every vehicle in its scope. Rules are data: permitted staff add and change them on the rules
/// page, and the engine reads them again within seconds.
/// </summary>
public class AlarmRule : Common.IVersioned
{
    public const int MaxNameLength = 100;
    public const int MaxWebhookLength = 500;

    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>One of <see cref="AlarmRuleKinds"/>.</summary>
    public required string Kind { get; set; }
    public required string Severity { get; set; }
    /// <summary>The telemetry point watched (threshold and fault point rules).</summary>
    public string? Point { get; set; }
    /// <summary><see cref="ThresholdOperators.Above"/> or <see cref="ThresholdOperators.Below"/> (threshold and flood rules).</summary>
    public string? Operator { get; set; }
    /// <summary>The threshold; the message limit per minute of a flood rule; the hours of a not-reporting rule.</summary>
    public double? Threshold { get; set; }
    /// <summary>How long the condition must hold, in device time, before the alarm is raised.</summary>
    public int DurationSeconds { get; set; }
    /// <summary>
    /// Where the value must come back to before the rule clears its alarm (hysteresis: "below 10, clear at 12" keeps a
    /// value wobbling around 10 from raising and clearing again and again). Null clears as soon as the condition ends.
    /// </summary>
    public double? ClearValue { get; set; }
    public string Scope { get; set; } = AlarmScopes.All;
    /// <summary>The model id or fleet id the rule is limited to.</summary>
    public int? ScopeId { get; set; }
    public bool Enabled { get; set; } = true;
    /// <summary>A Slack-compatible webhook told of this rule's alarms, besides the portal's global one.</summary>
    public string? WebhookUrl { get; set; }
    public DateTimeOffset Created { get; set; }
    public DateTimeOffset Updated { get; set; }
    public uint Version { get; set; }
}

public static class AlarmRuleKinds
{
    public const string Threshold = "threshold";
    public const string FaultPoint = "fault_point";
    public const string NotReporting = "not_reporting";
    public const string Flood = "flood";

    public static readonly IReadOnlyList<string> All = [Threshold, FaultPoint, NotReporting, Flood];

    public static string Describe(string kind) => kind switch
    {
        Threshold => "Threshold",
        FaultPoint => "Fault point",
        NotReporting => "Not reporting",
        Flood => "Telemetry flood",
        _ => kind,
    };
}

public static class ThresholdOperators
{
    public const string Above = "above";
    public const string Below = "below";
}

public static class AlarmScopes
{
    public const string All = "all";
    public const string Model = "model";
    public const string Fleet = "fleet";
}

/// <summary>The severities of ThingsBoard's alarms, most severe first.</summary>
public static class AlarmSeverities
{
    public const string Critical = "critical";
    public const string Major = "major";
    public const string Minor = "minor";
    public const string Warning = "warning";
    public const string Indeterminate = "indeterminate";

    public static readonly IReadOnlyList<string> All = [Critical, Major, Minor, Warning, Indeterminate];

    /// <summary>0 for critical up to 4 for indeterminate; -1 for anything else.</summary>
    public static int Rank(string severity) => All.ToList().IndexOf(severity);

    /// <summary>Whether <paramref name="severity"/> is at least as severe as <paramref name="minimum"/>.</summary>
    public static bool AtLeast(string severity, string minimum) => Rank(severity) >= 0 && Rank(severity) <= Rank(minimum);
}
