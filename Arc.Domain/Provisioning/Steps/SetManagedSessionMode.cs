using Arc.Domain.ManagedSessions;
using Arc.Domain.Sagas;

namespace Arc.Domain.Provisioning.Steps;

public sealed record ManagedSessionModeState(bool Was);

/// <summary>managed_session_mode_set: the vehicle is in managed-session mode or not, as asked.</summary>
public sealed class SetManagedSessionMode : SagaStep<ProvisioningContext, ManagedSessionModeState>
{
    public override string Name => "managed_session_mode_set";

    protected override async Task<(ManagedSessionModeState, bool)> RunAsync(ProvisioningContext context, StepWork work, CancellationToken ct)
    {
        var managed = await work.Data.FirstOrDefaultAsync(work.Data.ManagedSessionVehicles.Where(m => m.Vin == context.Vin), ct);
        var state = new ManagedSessionModeState(managed is not null);
        if (context.RequireRequest().ManagedSessionMode == state.Was)
            return (state, true);
        if (managed is null)
            work.Data.Add(new ManagedSessionVehicle { Vin = context.Vin });
        else
            work.Data.Remove(managed);
        return (state, false);
    }

    protected override async Task UndoAsync(ProvisioningContext context, StepWork work, ManagedSessionModeState state, CancellationToken ct)
    {
        var managed = await work.Data.FirstOrDefaultAsync(work.Data.ManagedSessionVehicles.Where(m => m.Vin == context.Vin), ct);
        if (state.Was && managed is null)
            work.Data.Add(new ManagedSessionVehicle { Vin = context.Vin });
        else if (!state.Was && managed is not null)
            work.Data.Remove(managed);
    }
}
