using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Changes;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Alarms;

/// <summary>
/// Clears an active alarm by hand (permission alarms.alarm.acknowledge, on a vehicle the caller may read). Its rule raises
/// a new one only after the condition has ended and come back, so clearing a condition that still holds does not
/// bring the same alarm straight back.
/// </summary>
public sealed class ClearAlarm(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, IChangeFeed changes, TimeProvider time) : IUseCase
{
    public async Task HandleAsync(long alarmId, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.AlarmAcknowledge, ct);
        await using var data = dataFactory.Open();
        var alarm = await AlarmAccess.RequireAsync(data, user, username, alarmId, ct);
        if (!alarm.IsActive)
            return;
        alarm.ClearedBy = username;
        alarm.ClearedAt = time.GetUtcNow();
        data.ExpectVersion(alarm, null, "alarm");
        audit.Record(data, username, AlarmAuditActions.Cleared, AlarmAuditActions.AlarmEntity, alarm.Id.ToString(CultureInfo.InvariantCulture),
            new { vin = alarm.Vin, rule = alarm.RuleId, by = "user" });
        await data.SaveChangesAsync(ct);
        AlarmAnnouncements.Publish(changes, alarm.Vin);
    }
}
