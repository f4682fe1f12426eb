using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Provisioning;

/// <summary>Recent bulk jobs, newest first.</summary>
public sealed class ListBulkProvisioningJobs(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<IReadOnlyList<BulkJobSummary>> HandleAsync(int take = 20, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.VehicleProvision, ct);
        if (take is < 1 or > Paging.MaxPageSize)
            throw new ValidationFailedException("take", $"Between 1 and {Paging.MaxPageSize} jobs can be listed.");
        await using var data = dataFactory.Open();
        var ids = await data.ListAsync(data.BulkProvisioningJobs.OrderByDescending(j => j.Id).Take(take).Select(j => j.Id), ct);
        var list = new List<BulkJobSummary>();
        foreach (var id in ids)
            list.Add(await BulkJobs.SummaryAsync(data, id, ct));
        return list;
    }
}
