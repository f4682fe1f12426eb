using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Sagas;
using Arc.Domain.SideEffects;

namespace Arc.Domain.Provisioning.Steps;

public sealed record ProvisionThingState(bool Created);

/// <summary>provision_iot: the vehicle's thing in the registry, created unless it exists (re-provisioning keeps it).</summary>
public sealed class ProvisionThing(IDeviceRegistry registry, PortalEnvironment environment, Outbox outbox, TimeProvider time)
    : SagaStep<ProvisioningContext, ProvisionThingState>
{
    public override string Name => "provision_iot";

    protected override async Task<(ProvisionThingState, bool)> RunAsync(ProvisioningContext context, StepWork work, CancellationToken ct)
    {
        if (await registry.DescribeThingAsync(context.Vin, ct) is not null)
            return (new(false), false);
        var state = new ProvisionThingState(true);
        await CheckpointAsync(work, state, ct);
        await registry.CreateThingAsync(context.Vin, DevicePolicies.ThingGroup(environment.Environment), new Dictionary<string, string>
        {
            ["vin"] = context.Vin,
            ["date_provisioned"] = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        }, ct);
        return (state, false);
    }

    /// <summary>A thing this run created goes again, with every certificate and the shadow it may have got meanwhile.</summary>
    protected override Task UndoAsync(ProvisioningContext context, StepWork work, ProvisionThingState state, CancellationToken ct)
    {
        if (state.Created)
            outbox.RetireDevice(work.Data, context.Vin, context.Actor);
        return Task.CompletedTask;
    }
}
