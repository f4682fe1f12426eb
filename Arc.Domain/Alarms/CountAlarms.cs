using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Alarms;

/// <summary>How many alarms of each status and severity the caller may see (the centre's counts and the app-bar badge).</summary>
public sealed record AlarmCounts(IReadOnlyDictionary<string, int> ByStatus, IReadOnlyDictionary<string, int> ActiveBySeverity)
{
    public int ActiveUnacknowledged => ByStatus.GetValueOrDefault(AlarmStatuses.ActiveUnacknowledged);
}

/// <summary>Counts the visible alarms (permission alarms.alarm.read and the vehicle rule), optionally of one vehicle.</summary>
public sealed class CountAlarms(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment) : IUseCase
{
    public async Task<AlarmCounts> HandleAsync(string? vin = null, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.AlarmRead, ct);
        await using var data = dataFactory.Open();
        var alarms = ListAlarms.Filter(await AlarmAccess.VisibleAsync(data, user, username, ct), new AlarmQuery(Vin: vin), environment);
        var byState = await data.ListAsync(alarms.GroupBy(a => new { Active = a.ClearedAt == null, Acknowledged = a.AcknowledgedAt != null })
            .Select(g => new { g.Key.Active, g.Key.Acknowledged, Count = g.Count() }), ct);
        var bySeverity = await data.ListAsync(alarms.Where(a => a.ClearedAt == null).GroupBy(a => a.Severity)
            .Select(g => new { Severity = g.Key, Count = g.Count() }), ct);
        return new AlarmCounts(
            AlarmStatuses.All.ToDictionary(s => s, s => byState.Where(x => AlarmStatuses.Of(x.Active, x.Acknowledged) == s).Sum(x => x.Count)),
            AlarmSeverities.All.ToDictionary(s => s, s => bySeverity.Where(x => x.Severity == s).Sum(x => x.Count)));
    }
}
