using System.Text;
using Arc.Domain.Authorities;
using Arc.Domain.Sagas;

namespace Arc.Domain.Provisioning.Steps;

/// <param name="SealedPreviousPin">The PIN this run replaced, sealed by the key vault (the step record is not a place for secrets).</param>
public sealed record FactoryPinState(bool HadPin, bool Preserved, string? PreviousPinKey, string? SealedPreviousPin);

/// <summary>factory_pin_generate: a new factory PIN, or the stored one kept when a re-provision asks to preserve it.</summary>
public sealed class GenerateFactoryPinStep(IKeyVault vault) : SagaStep<ProvisioningContext, FactoryPinState>
{
    public override string Name => "factory_pin_generate";

    protected override async Task<(FactoryPinState, bool)> RunAsync(ProvisioningContext context, StepWork work, CancellationToken ct)
    {
        var row = await work.Data.FirstOrDefaultAsync(work.Data.AuthorityVehicleMeta.Where(m =>
            m.Vin == context.Vin && m.Section == AuthorityVehicleMeta.PinSection && m.Key == AuthorityVehicleMeta.FactoryPinKey), ct);
        if (context.RequireRequest().PreservePin && row is not null && row.Value.Length == FactoryPin.Length && row.Value.All(char.IsAsciiDigit))
        {
            context.Pin = row.Value;
            return (new(true, true, null, null), false);
        }
        SealedSecret? previous = row is null ? null : await vault.SealAsync(Encoding.UTF8.GetBytes(row.Value), null, ct);
        context.Pin = FactoryPin.Generate().Value;
        if (row is null)
            work.Data.Add(new AuthorityVehicleMeta { Vin = context.Vin, Section = AuthorityVehicleMeta.PinSection, Key = AuthorityVehicleMeta.FactoryPinKey, Value = context.Pin });
        else
            row.Value = context.Pin;
        return (new(row is not null, false, previous?.KeyReference, previous is null ? null : Convert.ToBase64String(previous.Ciphertext)), false);
    }

    protected override async Task UndoAsync(ProvisioningContext context, StepWork work, FactoryPinState state, CancellationToken ct)
    {
        if (state.Preserved)
            return;
        var row = await work.Data.FirstOrDefaultAsync(work.Data.AuthorityVehicleMeta.Where(m =>
            m.Vin == context.Vin && m.Section == AuthorityVehicleMeta.PinSection && m.Key == AuthorityVehicleMeta.FactoryPinKey), ct);
        if (row is null)
            return;
        if (state.SealedPreviousPin is null)
        {
            work.Data.Remove(row);
            return;
        }
        var previous = await vault.UnsealAsync(new SealedSecret(state.PreviousPinKey!, Convert.FromBase64String(state.SealedPreviousPin)), ct);
        row.Value = Encoding.UTF8.GetString(previous);
    }
}
