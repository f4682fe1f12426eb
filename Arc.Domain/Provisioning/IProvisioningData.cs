using Arc.Domain.Common;

namespace Arc.Domain.Provisioning;

/// <summary>The tables of provisioning runs and bulk provisioning jobs, read as <c>data.ProvisioningRuns</c> on any <see cref="IArcData"/>.</summary>
public interface IProvisioningData : IEntitySets
{
    IQueryable<ProvisioningRun> ProvisioningRuns => Set<ProvisioningRun>();
    IQueryable<ProvisioningStep> ProvisioningSteps => Set<ProvisioningStep>();
    IQueryable<BulkProvisioningJob> BulkProvisioningJobs => Set<BulkProvisioningJob>();
    IQueryable<BulkProvisioningRow> BulkProvisioningRows => Set<BulkProvisioningRow>();
    IQueryable<IdentityPickup> IdentityPickups => Set<IdentityPickup>();
}
