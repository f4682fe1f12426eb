using Arc.Domain.Authorities;
using Arc.Domain.Common;

namespace Arc.Domain.ManagedSessions;

/// <summary>
/// Keeps managed-session PINs sealed by the key vault, bound to the vehicle (spec/backend.md §7.4). A session written
/// before PINs were sealed holds the PIN itself and is read as it is until the start-up pass or the reseal command
/// seals it.
/// </summary>
public sealed class ManagedPinStore(IKeyVault vault)
{
    public const int Length = 6;

    /// <summary>What to store as <see cref="ManagedSession.Pin"/> for this PIN (exactly 6 digits).</summary>
    public Task<string> SealAsync(string vin, string pin, CancellationToken ct = default)
    {
        if (pin is not { Length: Length } || !pin.All(char.IsAsciiDigit))
            throw new ValidationFailedException("pin", "A PIN is exactly 6 digits.");
        return vault.SealTextAsync(pin, SealContext.ManagedPin(vin), ct);
    }

    /// <summary>The PIN of a session.</summary>
    public Task<string> RevealAsync(ManagedSession session, CancellationToken ct = default) =>
        vault.UnsealTextAsync(session.Pin, SealContext.ManagedPin(session.Vin), $"PIN of managed session {session.Id}", ct);

    /// <summary>
    /// The <c>managed_pin</c> of the vehicle's desired state (spec/backend.md §4.7): the PIN of its newest active session,
    /// or "" when none is active.
    /// </summary>
    public async Task<string> ActivePinAsync(IArcData data, string vin, CancellationToken ct = default)
    {
        var session = await data.FirstOrDefaultAsync(
            data.ManagedSessions.Where(s => s.Vin == vin && s.Completion == null).OrderByDescending(s => s.Initialization), ct);
        return session is null ? "" : await RevealAsync(session, ct);
    }
}
