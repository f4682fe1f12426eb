using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Provisioning;

/// <summary>The latest provisioning run of a vehicle with its steps, for following a run while it happens.</summary>
public sealed class GetLatestProvisioningRun(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment) : IUseCase
{
    public async Task<(string Status, IReadOnlyList<StepReport> Steps)?> HandleAsync(string vinText, DateTimeOffset since, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.VehicleProvision, ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        await using var data = dataFactory.Open();
        var run = await data.FirstOrDefaultAsync(data.ProvisioningRuns.Where(r => r.Vin == vin && r.Started >= since).OrderByDescending(r => r.Id)
            .Select(r => new { r.Id, r.Status }), ct);
        if (run is null)
            return null;
        var steps = await data.ListAsync(data.ProvisioningSteps.Where(s => s.RunId == run.Id).OrderBy(s => s.Index)
            .Select(s => new StepReport(s.Name, s.Started != null && s.Finished == null ? "running" : s.Status, s.Error)), ct);
        return (run.Status, steps);
    }
}
