using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Recalls;

/// <summary>Which of a recall's vehicles to list: by status, by a part of the VIN, a page at a time.</summary>
public sealed record RecallVehicleQuery(int RecallId, RecallVehicleStatus? Status = null, string? VinSearch = null, int PageIndex = 0, int PageSize = 50);

/// <summary>A page of a recall's vehicles and how many vehicles the recall has in each status.</summary>
public sealed record RecallVehiclePage(Page<RecallVehicleView> Page, IReadOnlyDictionary<RecallVehicleStatus, int> Counts);

/// <summary>
/// A recall's vehicles, by VIN, a page at a time (permission recalls.vehicle.read), filtered by status or a part of the
/// VIN, with the count of vehicles in each status. A deleted recall's vehicles can still be read.
/// </summary>
public sealed class ListRecallVehicles(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<RecallVehiclePage> HandleAsync(RecallVehicleQuery query, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.RecallVehicleRead, ct);
        var (index, size) = Paging.Normalize(query.PageIndex, query.PageSize);
        if (query.Status is { } wanted && !Enum.IsDefined(wanted))
            throw new ValidationFailedException("status", "A vehicle in a recall is open, remedied, inspected or unreachable.");
        var search = (query.VinSearch ?? "").Trim().ToUpperInvariant();
        if (search.Length > Vin.Length + 6 || search.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-'))
            throw new ValidationFailedException("vinSearch", "Search by a part of a VIN: letters, digits and '-' only, at most 23 characters.");

        await using var data = dataFactory.Open();
        var recall = await data.FirstOrDefaultAsync(data.Recalls.Where(r => r.Id == query.RecallId), ct)
            ?? throw new NotFoundException("Recall", query.RecallId.ToString(CultureInfo.InvariantCulture));
        var all = data.RecallVehicles.Where(v => v.RecallId == recall.Id);
        var counts = (await data.ListAsync(all.GroupBy(v => v.Status).Select(g => new { g.Key, Count = g.Count() }), ct))
            .ToDictionary(g => g.Key, g => g.Count);
        foreach (var status in Enum.GetValues<RecallVehicleStatus>())
            counts.TryAdd(status, 0);
        var rows = all;
        if (query.Status is { } only)
            rows = rows.Where(v => v.Status == only);
        if (search.Length > 0)
            rows = rows.Where(v => v.Vin.Contains(search));
        var total = await data.CountAsync(rows, ct);
        var items = await data.ListAsync(rows.OrderBy(v => v.Vin).Skip(index * size).Take(size)
            .Select(v => new RecallVehicleView(v.Id, v.RecallId, recall.NhtsaNumber, recall.Title, v.Vin, v.Status, v.ServiceDate, v.ServiceReference,
                v.UnreachableReason, v.ReasonNote, v.AddedAt, v.AddedBy, v.ChangedAt, v.ChangedBy, v.Version,
                v.OtaHash == null ? null : new OverTheAirEvidence(v.OtaComponent!, v.OtaHash, v.OtaReportedAt!.Value, v.OtaSource!.Value))), ct);
        return new RecallVehiclePage(new Page<RecallVehicleView>(items, total, index, size), counts);
    }
}
