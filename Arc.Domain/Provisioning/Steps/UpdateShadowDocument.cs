using Arc.Domain.Sagas;
using Arc.Domain.Shadows;
using Arc.Domain.SideEffects;

namespace Arc.Domain.Provisioning.Steps;

public sealed record ShadowDocumentState(bool Existed);

/// <summary>update_shadow_document: the desired state built from what the earlier steps wrote, published to the shadow.</summary>
public sealed class UpdateShadowDocument(IDeviceShadows shadows, ShadowPublisher publisher, Outbox outbox) : SagaStep<ProvisioningContext, ShadowDocumentState>
{
    public override string Name => "update_shadow_document";

    protected override async Task<(ShadowDocumentState, bool)> RunAsync(ProvisioningContext context, StepWork work, CancellationToken ct)
    {
        var state = new ShadowDocumentState(await shadows.GetAsync(context.Vin, ct) is not null);
        await CheckpointAsync(work, state, ct);
        await publisher.PublishAsync(work.Data, context.Vin, ct);
        return (state, false);
    }

    /// <summary>
    /// A shadow that did not exist goes; an existing one is republished once the run has been rolled back (see
    /// <see cref="ProvisioningSaga.OnRolledBack"/>), when the database holds the earlier values again.
    /// </summary>
    protected override Task UndoAsync(ProvisioningContext context, StepWork work, ShadowDocumentState state, CancellationToken ct)
    {
        if (!state.Existed)
            outbox.DeleteShadow(work.Data, context.Vin, context.Actor);
        return Task.CompletedTask;
    }
}
