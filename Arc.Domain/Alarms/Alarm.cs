namespace Arc.Domain.Alarms;

/// <summary>
/// A rule's alarm on one vehicle, with ThingsBoard's lifecycle: active or cleared, and unacknowledged or acknowledged,
/// independently. While an alarm is active its rule raises no other on the same vehicle (a unique partial index keeps
/// that true across portal nodes).
/// </summary>
public class Alarm : Common.IVersioned
{
    public const int MaxDetailsLength = 500;

    public long Id { get; set; }
    public int RuleId { get; set; }
    public AlarmRule? Rule { get; set; }
    public required string Vin { get; set; }
    /// <summary>The rule's severity when the alarm was raised (a later edit of the rule does not rewrite history).</summary>
    public required string Severity { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    /// <summary>The value that raised it (the point's value, the message rate, the hours without a report).</summary>
    public double? Value { get; set; }
    public required string Details { get; set; }
    public string? AcknowledgedBy { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    /// <summary>Who cleared it, or <see cref="Audit.AuditTrail.SystemActor"/> when its rule did.</summary>
    public string? ClearedBy { get; set; }
    public DateTimeOffset? ClearedAt { get; set; }
    public double? ClearValue { get; set; }
    public uint Version { get; set; }

    public bool IsActive => ClearedAt is null;
    public bool IsAcknowledged => AcknowledgedAt is not null;
}

/// <summary>The four states of ThingsBoard's alarm status, as the centre filters and shows them.</summary>
public static class AlarmStatuses
{
    public const string ActiveUnacknowledged = "active_unack";
    public const string ActiveAcknowledged = "active_ack";
    public const string ClearedUnacknowledged = "cleared_unack";
    public const string ClearedAcknowledged = "cleared_ack";

    public static readonly IReadOnlyList<string> All = [ActiveUnacknowledged, ActiveAcknowledged, ClearedUnacknowledged, ClearedAcknowledged];

    public static string Of(bool active, bool acknowledged) => (active, acknowledged) switch
    {
        (true, false) => ActiveUnacknowledged,
        (true, true) => ActiveAcknowledged,
        (false, false) => ClearedUnacknowledged,
        _ => ClearedAcknowledged,
    };

    public static string Describe(string status) => status switch
    {
        ActiveUnacknowledged => "Active, unacknowledged",
        ActiveAcknowledged => "Active, acknowledged",
        ClearedUnacknowledged => "Cleared, unacknowledged",
        ClearedAcknowledged => "Cleared, acknowledged",
        _ => status,
    };
}

/// <summary>A user's wish to be told of alarms by email: from a severity up, on all vehicles, a model or a fleet.</summary>
public class AlarmSubscription
{
    public int Id { get; set; }
    public required string Username { get; set; }
    public required string MinimumSeverity { get; set; }
    public string Scope { get; set; } = AlarmScopes.All;
    public int? ScopeId { get; set; }
}

/// <summary>Stable audit codes of the alarm lifecycle and the rules.</summary>
public static class AlarmAuditActions
{
    public const string Raised = "alarm.raised";
    public const string Acknowledged = "alarm.acknowledged";
    public const string Cleared = "alarm.cleared";
    public const string RuleCreated = "alarm_rule.created";
    public const string RuleChanged = "alarm_rule.changed";
    public const string RuleDeleted = "alarm_rule.deleted";
    public const string SubscriptionAdded = "alarm_subscription.added";
    public const string SubscriptionChanged = "alarm_subscription.changed";
    public const string SubscriptionRemoved = "alarm_subscription.removed";
    public const string AlarmEntity = "Alarm";
    public const string RuleEntity = "AlarmRule";
    public const string SubscriptionEntity = "AlarmSubscription";
}
