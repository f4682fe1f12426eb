using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Recalls;

/// <summary>A recall's completion today and the burn-down of its open vehicles, with its quarterly reports.</summary>
public sealed record RecallCompletionView(DateOnly Today, RecallCompletionCounts Counts, IReadOnlyList<BurnDownPoint> BurnDown,
    IReadOnlyList<RecallQuarterReportView> Reports);

/// <summary>
/// A recall's completion (permission recalls.vehicle.read): today's counts and burn-down rebuilt from the vehicles'
/// history by <see cref="RecallCompletion"/>, and the quarterly reports made so far, newest first. Deleted recalls too.
/// </summary>
public sealed class GetRecallCompletion(IArcDataFactory dataFactory, ICurrentUser user, TimeProvider time) : IUseCase
{
    public async Task<RecallCompletionView> HandleAsync(int recallId, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.RecallVehicleRead, ct);
        await using var data = dataFactory.Open();
        if (!await data.AnyAsync(data.Recalls.Where(r => r.Id == recallId), ct))
            throw new NotFoundException("Recall", recallId.ToString(CultureInfo.InvariantCulture));
        var today = RecallReports.Today(time);
        var steps = await RecallReports.StepsAsync(data, recallId, today, ct);
        var reports = await data.ListAsync(data.RecallQuarterReports.Where(r => r.RecallId == recallId)
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.Quarter), ct);
        return new RecallCompletionView(today, RecallCompletion.Count(steps, today), RecallCompletion.BurnDown(steps, today),
            reports.Select(RecallQuarterReportView.Of).ToList());
    }
}
