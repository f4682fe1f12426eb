using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Provisioning;

public sealed record BulkRowView(int Line, string Text, string? Vin, int? ModelReleaseId, string Options, string Status, string? Problem, int Attempts, long? RunId);

public sealed record BulkJobDetail(BulkJobSummary Job, Page<BulkRowView> Rows);

public sealed record BulkRowQuery(int PageIndex = 0, int PageSize = 50, string? Status = null);

/// <summary>A job's progress and one page of its rows, optionally of one status.</summary>
public sealed class GetBulkProvisioningJob(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    private static readonly string[] Statuses =
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
        var page = await data.ListAsync(rows.OrderBy(r => r.Line).Skip(index * size).Take(size), ct);
        return new BulkJobDetail(summary, new Page<BulkRowView>(page.Select(View).ToList(), total, index, size));
    }

    private static BulkRowView View(BulkProvisioningRow r)
    {
        var options = new List<string>();
        if (r.HeatedSeats) options.Add("heated seats");
        if (r.HeatedGrips) options.Add("heated grips");
        if (r.StereoEnabled) options.Add("stereo");
        if (r.ManagedSessionMode) options.Add("managed sessions");
        return new BulkRowView(r.Line, r.Text, r.Vin, r.ModelReleaseId, string.Join(", ", options), r.Status, r.Problem, r.Attempts, r.RunId);
    }
}
