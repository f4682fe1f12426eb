using Arc.Domain.Sagas;
using Arc.Domain.SideEffects;

namespace Arc.Domain.Provisioning.Steps;

public sealed record RevokePreviousState(IReadOnlyList<string> Certificates);

/// <summary>
/// revoke_previous_certificate, the last step: the certificates the new one replaces are queued for revocation in the
/// transaction that ends the run as succeeded, so the vehicle never loses its old certificate before it has a new one.
/// Nothing follows it, so it is never compensated.
/// </summary>
public sealed class RevokePreviousCertificates(Outbox outbox) : SagaStep<ProvisioningContext, RevokePreviousState>
{
    public override string Name => "revoke_previous_certificate";

    protected override Task<(RevokePreviousState, bool)> RunAsync(ProvisioningContext context, StepWork work, CancellationToken ct)
    {
        var old = context.ReplacedCertificates.Where(c => c != context.Certificate?.CertificateId).ToList();
        foreach (var certificate in old)
            outbox.RevokeCertificate(work.Data, context.Vin, certificate, context.Actor);
        return Task.FromResult((new RevokePreviousState(old), old.Count == 0));
    }

    protected override Task UndoAsync(ProvisioningContext context, StepWork work, RevokePreviousState state, CancellationToken ct) => Task.CompletedTask;
}
