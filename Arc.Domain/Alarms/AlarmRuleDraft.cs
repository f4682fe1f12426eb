using Arc.Domain.Common;

namespace Arc.Domain.Alarms;

/// <summary>What the rules page sends to create or change a rule; checked in full before anything is saved.</summary>
public sealed record AlarmRuleDraft(
    string? Name,
    string? Kind,
    string? Severity,
    string? Point = null,
    string? Operator = null,
    double? Threshold = null,
    int DurationSeconds = 0,
    double? ClearValue = null,
    string? Scope = AlarmScopes.All,
    int? ScopeId = null,
    bool Enabled = true,
    string? WebhookUrl = null);

public static class AlarmRuleRules
{
    public const int MaxDurationSeconds = 7 * 24 * 3600;
    public const double MaxNotReportingHours = 24 * 90;
    public const double MaxFloodLimit = 100_000;

    /// <summary>Checks the draft against the rules of its kind and the database (points, models, fleets) and copies it onto <paramref name="rule"/>.</summary>
    public static async Task ApplyAsync(IArcData data, AlarmRuleDraft draft, AlarmRule rule, CancellationToken ct)
    {
        var name = (draft.Name ?? "").Trim();
        if (name.Length == 0)
            throw new ValidationFailedException("name", "A rule needs a name.");
        if (name.Length > AlarmRule.MaxNameLength || PlainText.HasHiddenCharacters(name))
            throw new ValidationFailedException("name", $"A name is plain text of at most {AlarmRule.MaxNameLength} characters.");
        if (draft.Kind is not { } kind || !AlarmRuleKinds.All.Contains(kind))
            throw new ValidationFailedException("kind", "Choose what the rule watches: a threshold, a fault point, not reporting or a telemetry flood.");
        if (draft.Severity is not { } severity || !AlarmSeverities.All.Contains(severity))
            throw new ValidationFailedException("severity", "Choose a severity: critical, major, minor, warning or indeterminate.");
        if (draft.DurationSeconds is < 0 or > MaxDurationSeconds)
            throw new ValidationFailedException("duration", "The duration is between 0 and 7 days.");
        CheckNumber(draft.Threshold, "threshold");
        CheckNumber(draft.ClearValue, "clearValue");

        string? point = null, op = null;
        double? threshold = null, clearValue = null;
        var duration = draft.DurationSeconds;
        switch (kind)
        {
            case AlarmRuleKinds.Threshold:
                point = await RequirePointAsync(data, draft.Point, faultOnly: false, ct);
                op = RequireOperator(draft.Operator);
                threshold = draft.Threshold ?? throw new ValidationFailedException("threshold", "A threshold rule needs a value to compare with.");
                clearValue = CheckClearValue(op, threshold.Value, draft.ClearValue);
                break;
            case AlarmRuleKinds.FaultPoint:
                point = await RequirePointAsync(data, draft.Point, faultOnly: true, ct);
                break;
            case AlarmRuleKinds.NotReporting:
                threshold = draft.Threshold is { } hours && hours > 0 && hours <= MaxNotReportingHours ? hours
                    : throw new ValidationFailedException("threshold", $"Say after how many hours without a report (more than 0, at most {MaxNotReportingHours}).");
                duration = 0;
                break;
            case AlarmRuleKinds.Flood:
                op = ThresholdOperators.Above;
                threshold = draft.Threshold is { } limit && limit >= 1 && limit <= MaxFloodLimit ? Math.Floor(limit)
                    : throw new ValidationFailedException("threshold", $"The limit is a number of messages a minute, from 1 to {MaxFloodLimit:0}.");
                clearValue = CheckClearValue(op, threshold.Value, draft.ClearValue);
                break;
        }

        var scope = draft.Scope ?? AlarmScopes.All;
        int? scopeId = null;
        if (scope == AlarmScopes.Model)
        {
            scopeId = draft.ScopeId is { } id && await data.AnyAsync(data.VehicleModels.Where(m => m.Id == id), ct) ? id
                : throw new ValidationFailedException("scope", "Choose the model the rule watches.");
        }
        else if (scope == AlarmScopes.Fleet)
        {
            scopeId = draft.ScopeId is { } id && await data.AnyAsync(data.Fleets.Where(f => f.Id == id), ct) ? id
                : throw new ValidationFailedException("scope", "Choose the fleet the rule watches.");
        }
        else if (scope != AlarmScopes.All)
            throw new ValidationFailedException("scope", "A rule watches all vehicles, one model or one fleet.");

        rule.Name = name;
        rule.Kind = kind;
        rule.Severity = severity;
        rule.Point = point;
        rule.Operator = op;
        rule.Threshold = threshold;
        rule.DurationSeconds = duration;
        rule.ClearValue = clearValue;
        rule.Scope = scope;
        rule.ScopeId = scopeId;
        rule.Enabled = draft.Enabled;
        rule.WebhookUrl = CheckWebhook(draft.WebhookUrl);
    }

    private static void CheckNumber(double? value, string field)
    {
        if (value is { } v && (double.IsNaN(v) || double.IsInfinity(v) || Math.Abs(v) > 1e12))
            throw new ValidationFailedException(field, "Enter an ordinary number.");
    }

    private static async Task<string> RequirePointAsync(IArcData data, string? text, bool faultOnly, CancellationToken ct)
    {
        var point = (text ?? "").Trim();
        if (point.Length == 0)
            throw new ValidationFailedException("point", "Choose the telemetry point the rule watches.");
        var definitions = data.PointDefinitions.Where(p => p.Name == point);
        if (!await data.AnyAsync(definitions, ct))
            throw new ValidationFailedException("point", $"No telemetry definition has a point named '{Shorten(point)}'.");
        if (faultOnly && !await data.AnyAsync(definitions.Where(p => p.Report == "nz"), ct))
            throw new ValidationFailedException("point", $"'{point}' is not a fault point: fault rules watch points reported as non-zero (nz).");
        return point;
    }

    private static string RequireOperator(string? op) => op is ThresholdOperators.Above or ThresholdOperators.Below ? op
        : throw new ValidationFailedException("operator", "Say whether the alarm is raised above or below the value.");

    private static double? CheckClearValue(string op, double threshold, double? clearValue)
    {
        if (clearValue is not { } back)
            return null;
        var beyond = op == ThresholdOperators.Below ? back >= threshold : back <= threshold;
        return beyond ? back : throw new ValidationFailedException("clearValue", op == ThresholdOperators.Below
            ? "The clear value of a 'below' rule is at least the threshold (the value must come back up past it)."
            : "The clear value of an 'above' rule is at most the threshold (the value must come back down past it).");
    }

    private static string? CheckWebhook(string? text)
    {
        var url = (text ?? "").Trim();
        if (url.Length == 0)
            return null;
        if (url.Length > AlarmRule.MaxWebhookLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.UserInfo))
            throw new ValidationFailedException("webhookUrl", "A webhook is an http(s) address without a user name or password, at most 500 characters.");
        return uri.AbsoluteUri;
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
