using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Alarms;

public sealed record AlarmQuery(
    string? Status = null,
    string? Severity = null,
    int? RuleId = null,
    string? Vin = null,
    int PageIndex = 0,
    int PageSize = 25);

public sealed record AlarmRow(long Id, int RuleId, string RuleName, string Vin, string Severity, string Status, DateTimeOffset RaisedAt, double? Value,
    string Details, string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt, string? ClearedBy, DateTimeOffset? ClearedAt)
{
    public bool IsActive => ClearedAt is null;
    public bool IsAcknowledged => AcknowledgedAt is not null;
}

/// <summary>
/// The alarms the caller may see, newest first, filtered by status, severity, rule and VIN (permission alarms.alarm.read
/// and the vehicle rule of <see cref="AlarmAccess"/>).
/// </summary>
public sealed class ListAlarms(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment) : IUseCase
{
    public async Task<Page<AlarmRow>> HandleAsync(AlarmQuery query, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.AlarmRead, ct);
        var (pageIndex, pageSize) = Paging.Normalize(query.PageIndex, query.PageSize);
        await using var data = dataFactory.Open();
        var alarms = Filter(await AlarmAccess.VisibleAsync(data, user, username, ct), query, environment);
        var total = await data.CountAsync(alarms, ct);
        var rows = await data.ListAsync(alarms.OrderByDescending(a => a.RaisedAt).ThenByDescending(a => a.Id).Skip(pageIndex * pageSize).Take(pageSize)
            .Select(a => new AlarmRow(a.Id, a.RuleId, a.Rule!.Name, a.Vin, a.Severity,
                a.ClearedAt == null ? (a.AcknowledgedAt == null ? AlarmStatuses.ActiveUnacknowledged : AlarmStatuses.ActiveAcknowledged)
                : (a.AcknowledgedAt == null ? AlarmStatuses.ClearedUnacknowledged : AlarmStatuses.ClearedAcknowledged),
                a.RaisedAt, a.Value, a.Details, a.AcknowledgedBy, a.AcknowledgedAt, a.ClearedBy, a.ClearedAt)), ct);
        return new Page<AlarmRow>(rows, total, pageIndex, pageSize);
    }

    internal static IQueryable<Alarm> Filter(IQueryable<Alarm> alarms, AlarmQuery query, PortalEnvironment environment)
    {
        switch (query.Status)
        {
            case null or "":
                break;
            case AlarmStatuses.ActiveUnacknowledged:
                alarms = alarms.Where(a => a.ClearedAt == null && a.AcknowledgedAt == null);
                break;
            case AlarmStatuses.ActiveAcknowledged:
                alarms = alarms.Where(a => a.ClearedAt == null && a.AcknowledgedAt != null);
                break;
            case AlarmStatuses.ClearedUnacknowledged:
                alarms = alarms.Where(a => a.ClearedAt != null && a.AcknowledgedAt == null);
                break;
            case AlarmStatuses.ClearedAcknowledged:
                alarms = alarms.Where(a => a.ClearedAt != null && a.AcknowledgedAt != null);
                break;
            case "active":
                alarms = alarms.Where(a => a.ClearedAt == null);
                break;
            default:
                throw new ValidationFailedException("status", "Unknown alarm status.");
        }
        if (!string.IsNullOrEmpty(query.Severity))
        {
            if (!AlarmSeverities.All.Contains(query.Severity))
                throw new ValidationFailedException("severity", "Unknown severity.");
            alarms = alarms.Where(a => a.Severity == query.Severity);
        }
        if (query.RuleId is { } ruleId)
            alarms = alarms.Where(a => a.RuleId == ruleId);
        var vinText = (query.Vin ?? "").Trim();
        if (vinText.Length > 0)
        {
            if (vinText.Length > 40)
                throw new ValidationFailedException("vin", "A VIN filter has at most 40 characters.");
            // A whole VIN typed without its environment prefix finds the stored one; a part of one matches as it is.
            var vin = Vin.TryParse(vinText, environment.Environment, out var parsed, out _) ? parsed.Value : vinText.ToUpperInvariant();
            alarms = alarms.Where(a => a.Vin.Contains(vin));
        }
        return alarms;
    }
}
