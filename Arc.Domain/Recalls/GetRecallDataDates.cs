using Arc.Domain.Common;

namespace Arc.Domain.Recalls;

/// <summary>
/// When the recall data was first and last changed (the old <c>/recalls/v1/date/initial|updated</c>), for anyone: the
/// smallest and largest time of <c>recall_data_updates</c>, which every change of a recall, remedy or vehicle entry adds to.
/// </summary>
public sealed class GetRecallDataDates(IArcDataFactory dataFactory) : IUseCase
{
    public async Task<RecallDataDates> HandleAsync(CancellationToken ct = default)
    {
        await using var data = dataFactory.Open();
        var stamps = data.RecallDataUpdates;
        var initial = await data.FirstOrDefaultAsync(stamps.OrderBy(u => u.UpdatedAt).Select(u => (DateTimeOffset?)u.UpdatedAt), ct);
        var latest = await data.FirstOrDefaultAsync(stamps.OrderByDescending(u => u.Id).Select(u => new { u.Id, u.UpdatedAt }), ct);
        var updated = await data.FirstOrDefaultAsync(stamps.OrderByDescending(u => u.UpdatedAt).Select(u => (DateTimeOffset?)u.UpdatedAt), ct);
        return new RecallDataDates(initial, updated, latest?.Id ?? 0);
    }
}
