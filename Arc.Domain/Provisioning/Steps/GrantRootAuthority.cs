using Arc.Domain.Authorities;
using Arc.Domain.Sagas;

namespace Arc.Domain.Provisioning.Steps;

public sealed record GrantRootAuthorityState(bool Added);

/// <summary>provision_vehicle_authority: the root authority controls the vehicle.</summary>
public sealed class GrantRootAuthority : SagaStep<ProvisioningContext, GrantRootAuthorityState>
{
    public override string Name => "provision_vehicle_authority";

    protected override async Task<(GrantRootAuthorityState, bool)> RunAsync(ProvisioningContext context, StepWork work, CancellationToken ct)
    {
        if (await AuthorityRules.ControlsAsync(work.Data, Authority.RootId, context.Vin, ct))
            return (new(false), true);
        work.Data.Add(new VehicleAuthority { AuthorityId = Authority.RootId, Vin = context.Vin });
        return (new(true), false);
    }

    protected override async Task UndoAsync(ProvisioningContext context, StepWork work, GrantRootAuthorityState state, CancellationToken ct)
    {
        if (!state.Added)
            return;
        foreach (var mapping in await work.Data.ListAsync(work.Data.VehicleAuthorities.Where(va => va.AuthorityId == Authority.RootId && va.Vin == context.Vin), ct))
            work.Data.Remove(mapping);
    }
}
