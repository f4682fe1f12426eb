using Arc.Domain.Authorities;
using Arc.Domain.Sagas;

namespace Arc.Domain.Provisioning.Steps;

/// <param name="SealedPreviousPin">The row's value this run replaced: the PIN as the key vault sealed it for this VIN.</param>
public sealed record FactoryPinState(bool HadPin, bool Preserved, string? SealedPreviousPin);

/// <summary>factory_pin_generate: a new factory PIN, or the stored one kept when a re-provision asks to preserve it.</summary>
public sealed class GenerateFactoryPinStep(FactoryPinStore pins) : SagaStep<ProvisioningContext, FactoryPinState>
{
    public override string Name => "factory_pin_generate";

    protected override async Task<(FactoryPinState, bool)> RunAsync(ProvisioningContext context, StepWork work, CancellationToken ct)
    {
        var row = await FactoryPinStore.FindAsync(work.Data, context.Vin, ct);
        var stored = row is null ? null : await pins.RevealAsync(row, ct);
        if (context.RequireRequest().PreservePin && stored is { Length: FactoryPin.Length } && stored.All(char.IsAsciiDigit))
        {
            context.Pin = stored;
            return (new(true, true, null), false);
        }
        // The step record keeps the previous PIN only sealed: the row's own value, or, for a value written before PINs
        // were sealed, that value sealed now.
        var previous = row is null ? null : row.Value == stored ? await pins.SealAsync(context.Vin, stored!, ct) : row.Value;
        context.Pin = FactoryPin.Generate().Value;
        var value = await pins.SealAsync(context.Vin, context.Pin, ct);
        if (row is null)
            work.Data.Add(new AuthorityVehicleMeta { Vin = context.Vin, Section = AuthorityVehicleMeta.PinSection, Key = AuthorityVehicleMeta.FactoryPinKey, Value = value });
        else
            row.Value = value;
        return (new(row is not null, false, previous), false);
    }

    protected override async Task UndoAsync(ProvisioningContext context, StepWork work, FactoryPinState state, CancellationToken ct)
    {
        if (state.Preserved)
            return;
        var row = await FactoryPinStore.FindAsync(work.Data, context.Vin, ct);
        if (row is null)
            return;
        if (state.SealedPreviousPin is null)
            work.Data.Remove(row);
        else
            row.Value = state.SealedPreviousPin;
    }
}
