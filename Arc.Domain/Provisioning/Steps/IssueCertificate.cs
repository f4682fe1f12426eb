using Arc.Domain.Sagas;
using Arc.Domain.SideEffects;

namespace Arc.Domain.Provisioning.Steps;

/// <param name="Replaces">The thing's certificates before this run; they keep working until the run has succeeded.</param>
public sealed record IssueCertificateState(IReadOnlyList<string> Replaces, string? Certificate);

/// <summary>provision_iot_certificate: a new key pair and certificate with the device policies, attached to the thing.</summary>
public sealed class IssueCertificate(IDeviceRegistry registry, Outbox outbox) : SagaStep<ProvisioningContext, IssueCertificateState>
{
    public override string Name => "provision_iot_certificate";

    protected override async Task<(IssueCertificateState, bool)> RunAsync(ProvisioningContext context, StepWork work, CancellationToken ct)
    {
        var existing = await registry.ListThingCertificatesAsync(context.Vin, ct);
        context.ReplacedCertificates = existing;
        await CheckpointAsync(work, new(existing, null), ct);
        context.Certificate = await registry.CreateCertificateAsync(context.Vin, DevicePolicies.All, ct);
        return (new(existing, context.Certificate.CertificateId), false);
    }

    /// <summary>The new certificate is revoked (found by elimination if the run died before recording its id); the old ones stay.</summary>
    protected override Task UndoAsync(ProvisioningContext context, StepWork work, IssueCertificateState state, CancellationToken ct)
    {
        if (state.Certificate is not null)
            outbox.RevokeCertificate(work.Data, context.Vin, state.Certificate, context.Actor);
        else
            outbox.RevokeOtherCertificates(work.Data, context.Vin, state.Replaces, context.Actor);
        return Task.CompletedTask;
    }
}
