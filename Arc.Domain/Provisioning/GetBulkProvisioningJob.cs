using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Provisioning;

public sealed record BulkRowView(int Line, string Text, string? Vin, int? ModelReleaseId, string? ModelReleaseName, string Options, string Status,
    string? Problem, int Attempts, long? RunId);

public sealed record BulkJobDetail(BulkJobSummary Job, Page<BulkRowView> Rows);

public enum BulkRowSort
{
    Line,
    Vin,
    Status,
}

public sealed record BulkRowQuery(int PageIndex = 0, int PageSize = 50, string? Status = null, BulkRowSort SortBy = BulkRowSort.Line, bool Descending = false);

/// <summary>A job's progress and one page of its rows, optionally of one status, in the order asked for.</summary>
public sealed class GetBulkProvisioningJob(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public static readonly IReadOnlyList<string> Statuses =
        [BulkRowStatus.Rejected, BulkRowStatus.Pending, BulkRowStatus.Running, BulkRowStatus.Succeeded, BulkRowStatus.Failed];

    public async Task<BulkJobDetail> HandleAsync(long jobId, BulkRowQuery query, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.VehicleProvision, ct);
        var (index, size) = Paging.Normalize(query.PageIndex, query.PageSize);
        if (query.Status is not null && !Statuses.Contains(query.Status))
            throw new ValidationFailedException("status", $"Status must be one of {string.Join(", ", Statuses)}.");
        await using var data = dataFactory.Open();
        var summary = await BulkJobs.SummaryAsync(data, jobId, ct);
        var rows = data.BulkProvisioningRows.Where(r => r.JobId == jobId);
        if (query.Status is not null)
            rows = rows.Where(r => r.Status == query.Status);
        var total = await data.CountAsync(rows, ct);
        var ordered = (query.SortBy, query.Descending) switch
        {
            (BulkRowSort.Vin, false) => rows.OrderBy(r => r.Vin ?? r.Text).ThenBy(r => r.Line),
            (BulkRowSort.Vin, true) => rows.OrderByDescending(r => r.Vin ?? r.Text).ThenBy(r => r.Line),
            (BulkRowSort.Status, false) => rows.OrderBy(r => r.Status).ThenBy(r => r.Line),
            (BulkRowSort.Status, true) => rows.OrderByDescending(r => r.Status).ThenBy(r => r.Line),
            (_, true) => rows.OrderByDescending(r => r.Line),
            _ => rows.OrderBy(r => r.Line),
        };
        var page = await data.ListAsync(ordered.Skip(index * size).Take(size), ct);
        var releaseIds = page.Select(r => r.ModelReleaseId).OfType<int>().Distinct().ToList();
        var names = (await data.ListAsync(data.ModelReleases.Where(m => releaseIds.Contains(m.ModelReleaseId))
            .Select(m => new { m.ModelReleaseId, m.Description }), ct)).ToDictionary(m => m.ModelReleaseId, m => m.Description);
        return new BulkJobDetail(summary, new Page<BulkRowView>(page.Select(r => View(r, names)).ToList(), total, index, size));
    }

    private static BulkRowView View(BulkProvisioningRow r, Dictionary<int, string> releaseNames)
    {
        var options = new List<string>();
        if (r.HeatedSeats) options.Add("heated seats");
        if (r.HeatedGrips) options.Add("heated grips");
        if (r.StereoEnabled) options.Add("stereo");
        if (r.ManagedSessionMode) options.Add("managed sessions");
        var name = r.ModelReleaseId is { } id ? releaseNames.GetValueOrDefault(id) : null;
        return new BulkRowView(r.Line, r.Text, r.Vin, r.ModelReleaseId, name, string.Join(", ", options), r.Status, r.Problem, r.Attempts, r.RunId);
    }
}
