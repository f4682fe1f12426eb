using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Audit;

public sealed record AuditQuery(
    string? Actor = null,
    string? Action = null,
    string? EntityType = null,
    string? EntityId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int PageIndex = 0,
    int PageSize = 50);

public sealed record AuditRow(long Id, DateTimeOffset At, string Actor, string? ActorName, string Action, string EntityType,
    string EntityId, string Summary, string CorrelationId);

/// <summary>Searches the audit log, newest first (permission audit.event.read).</summary>
public sealed class ListAuditEvents(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment) : IUseCase
{
    public const int MaxFilterLength = 200;

    public async Task<Page<AuditRow>> HandleAsync(AuditQuery query, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.AuditRead, ct);
        var (pageIndex, pageSize) = Paging.Normalize(query.PageIndex, query.PageSize);
        if (query.From is { } from && query.To is { } to && from > to)
            throw new ValidationFailedException("from", "The start of the period is after its end.");

        await using var data = dataFactory.Open();
        var events = data.AuditEvents;
        if (Clean(query.Actor, "actor") is { } actor)
        {
            // The actor filter matches the username or the person's email or display name.
            var matching = data.Users.Where(u => u.Email.Contains(actor) || (u.DisplayName != null && u.DisplayName.Contains(actor)))
                .Select(u => u.Username);
            events = events.Where(e => e.Actor == actor || matching.Contains(e.Actor));
        }
        if (Clean(query.Action, "action") is { } action)
            events = events.Where(e => e.Action.StartsWith(action));
        if (Clean(query.EntityType, "entityType") is { } type)
            events = events.Where(e => e.EntityType == type);
        if (Clean(query.EntityId, "entityId") is { } id)
        {
            // Vehicle events are recorded under the stored VIN (DEV-...); one typed without the prefix, or in lower
            // case, finds them too.
            var vin = Vin.TryParse(id, environment.Environment, out var parsed, out _) ? parsed.Value : id;
            events = events.Where(e => e.EntityId == id || e.EntityId == vin);
        }
        if (query.From is { } start)
            events = events.Where(e => e.At >= start);
        if (query.To is { } end)
            events = events.Where(e => e.At <= end);

        var total = await data.CountAsync(events, ct);
        var rows = await data.ListAsync(
            events.OrderByDescending(e => e.Id).Skip(pageIndex * pageSize).Take(pageSize)
                .Select(e => new AuditRow(e.Id, e.At, e.Actor,
                    data.Users.Where(u => u.Username == e.Actor).Select(u => u.DisplayName ?? u.Email).FirstOrDefault(),
                    e.Action, e.EntityType, e.EntityId, e.Summary, e.CorrelationId)),
            ct);
        return new Page<AuditRow>(rows, total, pageIndex, pageSize);
    }

    private static string? Clean(string? value, string field)
    {
        var text = (value ?? "").Trim();
        if (text.Length == 0)
            return null;
        if (text.Length > MaxFilterLength)
            throw new ValidationFailedException(field, $"A filter has at most {MaxFilterLength} characters.");
        return text;
    }
}
