using System.Text;
using Arc.Domain.Alarms;
using Arc.Domain.Intake;

namespace Arc.Portal.Tests.Support;

/// <summary>
/// Alarms and intake records written straight to a portal's database, so the pages that show them have something to
/// show without waiting for the engine or the pipeline (whose own tests cover how such rows come to be).
/// </summary>
public static class OperationsTestData
{
    public sealed record SeededAlarm(int RuleId, string RuleName, long AlarmId);

    /// <summary>A fault-point rule of its own and one alarm of it on <paramref name="vin"/>.</summary>
    public static async Task<SeededAlarm> AlarmAsync(PortalServer portal, string vin, string severity = AlarmSeverities.Critical,
        bool acknowledged = false, bool cleared = false, string? details = null)
    {
        await using var db = portal.CreateDb();
        var rule = new AlarmRule
        {
            Name = $"{AlarmList.Describe(severity)} fault {Guid.NewGuid().ToString("N")[..6]}", Kind = AlarmRuleKinds.FaultPoint, Severity = severity,
            Point = "hv_fault", Created = DateTimeOffset.UtcNow, Updated = DateTimeOffset.UtcNow,
        };
        var now = DateTimeOffset.UtcNow;
        var alarm = new Alarm
        {
            Rule = rule, Vin = vin, Severity = severity, RaisedAt = now.AddMinutes(-3), Value = 1, Details = details ?? "hv_fault reported 1",
            AcknowledgedBy = acknowledged ? "operator@arc.test" : null, AcknowledgedAt = acknowledged ? now.AddMinutes(-2) : null,
            ClearedBy = cleared ? "system" : null, ClearedAt = cleared ? now.AddMinutes(-1) : null,
        };
        db.Add(alarm);
        await db.SaveChangesAsync();
        return new SeededAlarm(rule.Id, rule.Name, alarm.Id);
    }

    public static async Task<long> DeadLetterAsync(PortalServer portal, string vin, string reason = "The telemetry store did not accept the write.")
    {
        await using var db = portal.CreateDb();
        var letter = new IntakeDeadLetter
        {
            At = DateTimeOffset.UtcNow, Source = "mqtt", MessageId = Guid.NewGuid().ToString("N"), Vin = vin, Topic = IntakeTopics.Telemetry(vin), Reason = reason,
            Body = Encoding.UTF8.GetBytes($"{{\"vin\":\"{vin}\",\"data\":[{{\"bms_pack_soc\":50,\"timestamp\":\"2026-01-01 00:00:00.000\"}}]}}"), Attempts = 5,
        };
        db.Add(letter);
        await db.SaveChangesAsync();
        return letter.Id;
    }

    public static async Task RefusalAsync(PortalServer portal, string vin, string reason, string body)
    {
        await using var db = portal.CreateDb();
        db.Add(new IntakeRefusal { At = DateTimeOffset.UtcNow, Source = "sqs", Vin = vin, Topic = IntakeTopics.Telemetry(vin), Reason = reason, Body = body });
        await db.SaveChangesAsync();
    }

    /// <summary>A vehicle's intake counts (one row per VIN: a second call sets them again).</summary>
    public static async Task VehicleStatsAsync(PortalServer portal, string vin, long received)
    {
        await using var db = portal.CreateDb();
        var stats = await db.Set<IntakeVehicleStats>().FindAsync(vin);
        if (stats is null)
            db.Add(stats = new IntakeVehicleStats { Vin = vin });
        (stats.Received, stats.Written, stats.Points, stats.Late, stats.Refused) = (received, received - 2, received * 12, 1, 1);
        (stats.LastSeen, stats.LastReceived, stats.LastLagMs) = (DateTimeOffset.UtcNow.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(-4), 850);
        await db.SaveChangesAsync();
    }
}
