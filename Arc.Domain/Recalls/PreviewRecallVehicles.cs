using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Recalls;

/// <summary>
/// The dry run of adding a VIN list or CSV file to a recall (permission recalls.vehicle.add): the VINs it would add and
/// every problem of the list at once. Changes nothing; <see cref="AddRecallVehicles"/> checks the same list again.
/// </summary>
public sealed class PreviewRecallVehicles(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment) : IUseCase
{
    public async Task<RecallVinPlan> HandleAsync(int recallId, string? vins, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.RecallVehicleAdd, ct);
        await using var data = dataFactory.Open();
        var recall = await RecallRules.FindAsync(data, recallId, ct);
        return await RecallVinList.PlanAsync(data, recall, vins, environment.Environment, ct);
    }
}
