using Arc.Domain.Sagas;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Provisioning.Steps;

public sealed record RecordVehicleState(bool Created, int? PreviousRelease);

/// <summary>provision_vehicle_telemetry: the vehicle's row with its model release.</summary>
public sealed class RecordVehicle(TimeProvider time) : SagaStep<ProvisioningContext, RecordVehicleState>
{
    public override string Name => "provision_vehicle_telemetry";

    protected override async Task<(RecordVehicleState, bool)> RunAsync(ProvisioningContext context, StepWork work, CancellationToken ct)
    {
        var release = context.RequireRequest().ModelReleaseId;
        var vehicle = await work.Data.FirstOrDefaultAsync(work.Data.Vehicles.Where(v => v.Vin == context.Vin), ct);
        if (vehicle is null)
        {
            work.Data.Add(new Vehicle { Vin = context.Vin, Created = time.GetUtcNow(), ModelReleaseId = release });
            return (new(true, null), false);
        }
        var previous = vehicle.ModelReleaseId;
        vehicle.ModelReleaseId = release;
        return (new(false, previous), false);
    }

    protected override async Task UndoAsync(ProvisioningContext context, StepWork work, RecordVehicleState state, CancellationToken ct)
    {
        var vehicle = await work.Data.FirstOrDefaultAsync(work.Data.Vehicles.Where(v => v.Vin == context.Vin), ct);
        if (vehicle is null)
            return;
        if (state.Created)
            work.Data.Remove(vehicle);
        else
            vehicle.ModelReleaseId = state.PreviousRelease;
    }
}
