using Arc.Domain.Fleets;
using Arc.Domain.Sagas;

namespace Arc.Domain.Provisioning.Steps;

public sealed record JoinMakerFleetState(bool Added);

/// <summary>add_vehicle_to_group: the vehicle joins fleet 1, the maker's own.</summary>
public sealed class JoinMakerFleet : SagaStep<ProvisioningContext, JoinMakerFleetState>
{
    public override string Name => "add_vehicle_to_group";

    protected override async Task<(JoinMakerFleetState, bool)> RunAsync(ProvisioningContext context, StepWork work, CancellationToken ct)
    {
        if (await work.Data.AnyAsync(work.Data.FleetVehicles.Where(f => f.FleetId == Fleet.MakerFleetId && f.Vin == context.Vin), ct))
            return (new(false), true);
        work.Data.Add(new FleetVehicle { FleetId = Fleet.MakerFleetId, Vin = context.Vin });
        return (new(true), false);
    }

    protected override async Task UndoAsync(ProvisioningContext context, StepWork work, JoinMakerFleetState state, CancellationToken ct)
    {
        if (!state.Added)
            return;
        foreach (var join in await work.Data.ListAsync(work.Data.FleetVehicles.Where(f => f.FleetId == Fleet.MakerFleetId && f.Vin == context.Vin), ct))
            work.Data.Remove(join);
    }
}
