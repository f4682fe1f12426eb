using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.SideEffects;

namespace Arc.Domain.Alarms;

/// <summary>The portal-wide alarm settings; <c>Portal:Alarms</c> in configuration.</summary>
public sealed class AlarmSettings
{
    public const string Section = "Portal:Alarms";

    /// <summary>A Slack-compatible webhook told of every alarm raised, besides each rule's own.</summary>
    public string? WebhookUrl { get; set; }
}

/// <summary>Posts a Slack-compatible message (<c>{"text": ...}</c>) to a webhook. Adapter: HTTP.</summary>
public interface IAlarmWebhookSender
{
    Task PostAsync(Uri url, string text, CancellationToken ct);
}

/// <summary>
/// Webhooks of raised alarms go through the durable side-effect outbox: written with the alarm, posted after it
/// commits, retried with backoff while the receiver is down.
/// </summary>
public sealed class AlarmWebhooks(Outbox outbox, AlarmSettings settings, IArcDataFactory dataFactory, IAlarmWebhookSender sender, PortalEnvironment environment)
{
    public const string RuleTarget = "rule";
    public const string GlobalTarget = "global";

    public void Queue(IArcData data, AlarmRule rule, Alarm alarm)
    {
        var id = alarm.Id.ToString(CultureInfo.InvariantCulture);
        if (rule.WebhookUrl is not null)
            outbox.NotifyAlarmWebhook(data, alarm.Vin, id + ":" + RuleTarget);
        if (!string.IsNullOrWhiteSpace(settings.WebhookUrl))
            outbox.NotifyAlarmWebhook(data, alarm.Vin, id + ":" + GlobalTarget);
    }

    /// <summary>Posts the message of one queued webhook; an alarm or rule deleted since leaves nothing to post.</summary>
    public async Task SendAsync(SideEffect effect, CancellationToken ct)
    {
        var parts = (effect.Argument ?? "").Split(':');
        if (parts.Length != 2 || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var alarmId))
            return;
        await using var data = dataFactory.Open();
        var found = await data.FirstOrDefaultAsync(data.Alarms.Where(a => a.Id == alarmId).Select(a => new { Alarm = a, a.Rule }), ct);
        if (found?.Rule is null)
            return;
        var url = parts[1] == RuleTarget ? found.Rule.WebhookUrl : settings.WebhookUrl;
        if (string.IsNullOrWhiteSpace(url))
            return;
        await sender.PostAsync(new Uri(url), Text(found.Rule, found.Alarm), ct);
    }

    public string Text(AlarmRule rule, Alarm alarm) =>
        $"[{alarm.Severity}] {rule.Name} on {alarm.Vin}: {alarm.Details} ({environment.Link("alarms?vin=" + Uri.EscapeDataString(alarm.Vin))})";
}
