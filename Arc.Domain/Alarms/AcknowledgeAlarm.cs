using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Changes;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Alarms;

/// <summary>
/// Says someone has seen an alarm and is on it (permission alarms.alarm.acknowledge, on a vehicle the caller may read).
/// Acknowledging twice keeps the first acknowledgement.
/// </summary>
public sealed class AcknowledgeAlarm(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, IChangeFeed changes, TimeProvider time) : IUseCase
{
    public async Task HandleAsync(long alarmId, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.AlarmAcknowledge, ct);
        await using var data = dataFactory.Open();
        var alarm = await AlarmAccess.RequireAsync(data, user, username, alarmId, ct);
        if (alarm.IsAcknowledged)
            return;
        alarm.AcknowledgedBy = username;
        alarm.AcknowledgedAt = time.GetUtcNow();
        data.ExpectVersion(alarm, null, "alarm");
        audit.Record(data, username, AlarmAuditActions.Acknowledged, AlarmAuditActions.AlarmEntity, alarm.Id.ToString(CultureInfo.InvariantCulture),
            new { vin = alarm.Vin, rule = alarm.RuleId, severity = alarm.Severity });
        await data.SaveChangesAsync(ct);
        AlarmAnnouncements.Publish(changes, alarm.Vin);
    }
}

internal static class AlarmAnnouncements
{
    public static void Publish(IChangeFeed changes, string vin)
    {
        changes.Publish(new Change(ChangeTopics.Alarm, vin));
        changes.Publish(new Change(ChangeTopics.Alarm, ChangeTopics.AlarmAll));
    }
}
