using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Intake;

public sealed record IntakeVehicleQuery(string? Vin = null, string? SortBy = null, bool Descending = true, int PageIndex = 0, int PageSize = 25);

/// <summary>Each vehicle's intake counts and its last-seen time, for the intake page.</summary>
public sealed class ListIntakeVehicles(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public const string SortLastSeen = "lastSeen", SortReceived = "received", SortRefused = "refused", SortLate = "late", SortVin = "vin";

    public async Task<Page<IntakeVehicleStats>> HandleAsync(IntakeVehicleQuery query, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.IntakeRead, ct);
        var (index, size) = Paging.Normalize(query.PageIndex, query.PageSize);
        if (query.Vin is { Length: > 40 })
            throw new ValidationFailedException("vin", "A VIN has at most 40 characters with its prefix.");
        await using var data = dataFactory.Open();
        var rows = data.IntakeVehicleStats;
        if (!string.IsNullOrWhiteSpace(query.Vin))
        {
            var vin = query.Vin.Trim().ToUpperInvariant();
            rows = rows.Where(s => s.Vin.Contains(vin));
        }
        IOrderedQueryable<IntakeVehicleStats> ordered = (query.SortBy, query.Descending) switch
        {
            (SortReceived, true) => rows.OrderByDescending(s => s.Received),
            (SortReceived, false) => rows.OrderBy(s => s.Received),
            (SortRefused, true) => rows.OrderByDescending(s => s.Refused),
            (SortRefused, false) => rows.OrderBy(s => s.Refused),
            (SortLate, true) => rows.OrderByDescending(s => s.Late),
            (SortLate, false) => rows.OrderBy(s => s.Late),
            (SortVin, true) => rows.OrderByDescending(s => s.Vin),
            (SortVin, false) => rows.OrderBy(s => s.Vin),
            (_, false) => rows.OrderBy(s => s.LastSeen),
            _ => rows.OrderByDescending(s => s.LastSeen),
        };
        var total = await data.CountAsync(rows, ct);
        var page = await data.ListAsync(ordered.ThenBy(s => s.Vin).Skip(index * size).Take(size), ct);
        return new Page<IntakeVehicleStats>(page, total, index, size);
    }
}
