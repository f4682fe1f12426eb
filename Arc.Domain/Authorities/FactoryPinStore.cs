using Arc.Domain.Common;

namespace Arc.Domain.Authorities;

/// <summary>
/// Keeps factory PINs sealed by the key vault in their <c>pin/factory_pin</c> rows, bound to the VIN: a sealed PIN
/// copied into another vehicle's row does not open. A row written before PINs were sealed holds the PIN itself and is
/// read as it is until the start-up pass or the reseal command seals it.
/// </summary>
public sealed class FactoryPinStore(IKeyVault vault)
{
    /// <summary>The vehicle's PIN row, if it has one.</summary>
    public static Task<AuthorityVehicleMeta?> FindAsync(IArcData data, string vin, CancellationToken ct = default) =>
        data.FirstOrDefaultAsync(data.AuthorityVehicleMeta.Where(m =>
            m.Vin == vin && m.Section == AuthorityVehicleMeta.PinSection && m.Key == AuthorityVehicleMeta.FactoryPinKey), ct);

    /// <summary>What to store as the row's value for this PIN (exactly 6 digits).</summary>
    public Task<string> SealAsync(string vin, string pin, CancellationToken ct = default)
    {
        if (pin is not { Length: FactoryPin.Length } || !pin.All(char.IsAsciiDigit))
            throw new ValidationFailedException("pin", "A PIN is exactly 6 digits.");
        return vault.SealTextAsync(pin, SealContext.FactoryPin(vin), ct);
    }

    /// <summary>The PIN a row holds.</summary>
    public Task<string> RevealAsync(AuthorityVehicleMeta row, CancellationToken ct = default) =>
        vault.UnsealTextAsync(row.Value, SealContext.FactoryPin(row.Vin), $"factory PIN of {row.Vin}", ct);

    /// <summary>The vehicle's PIN, or null when none is stored.</summary>
    public async Task<string?> ReadAsync(IArcData data, string vin, CancellationToken ct = default) =>
        await FindAsync(data, vin, ct) is { } row ? await RevealAsync(row, ct) : null;

    /// <summary>Stores the PIN in the vehicle's row, adding the row when it has none (saved with the caller's unit of work).</summary>
    /// <returns>True when a PIN was replaced.</returns>
    public async Task<bool> WriteAsync(IArcData data, string vin, string pin, CancellationToken ct = default)
    {
        var value = await SealAsync(vin, pin, ct);
        var row = await FindAsync(data, vin, ct);
        if (row is null)
            data.Add(new AuthorityVehicleMeta { Vin = vin, Section = AuthorityVehicleMeta.PinSection, Key = AuthorityVehicleMeta.FactoryPinKey, Value = value });
        else
            row.Value = value;
        return row is not null;
    }
}
