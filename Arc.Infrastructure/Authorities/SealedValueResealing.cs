using Arc.Domain.Authorities;
using Microsoft.Extensions.Logging;

namespace Arc.Infrastructure.Authorities;

/// <summary>
/// The step every kind of sealed value shares: open it under whatever key sealed it and seal it again under the vault's
/// current key, counting what happened. A value that does not open is logged and left as it is.
/// </summary>
internal sealed partial class SealedValueResealing(IKeyVault vault, ILogger logger)
{
    public IKeyVault Vault => vault;

    /// <summary>Opens a value and seals it again under the current key; null (counted) when it is current or does not open.</summary>
    public async Task<SealedSecret?> ResealAsync(ResealTally tally, string row, SealedSecret old, SealContext context, CancellationToken ct)
    {
        tally.Examined++;
        if (vault.IsCurrent(old))
        {
            tally.Current++;
            return null;
        }
        byte[] plain;
        try
        {
            plain = await vault.UnsealAsync(old, context, ct);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or InvalidOperationException or FormatException)
        {
            tally.Failed++;
            LogUnopened(logger, tally.Kind, row, e.Message);
            return null;
        }
        try
        {
            return await vault.SealAsync(plain, context, old.KeyReference, ct);
        }
        finally
        {
            Array.Clear(plain);
        }
    }

    /// <summary>
    /// A text column holding a sealed value, or a plain one written before values were sealed. Without
    /// <paramref name="all"/> only plain values are sealed.
    /// </summary>
    public async Task<string?> ResealTextAsync(ResealTally tally, string row, string stored, SealContext context, bool all, CancellationToken ct)
    {
        if (SealedSecret.IsSealedText(stored))
        {
            if (!all)
                return null;
            SealedSecret old;
            try
            {
                old = SealedSecret.FromText(stored);
            }
            catch (FormatException e)
            {
                Unreadable(tally, row, e.Message);
                return null;
            }
            return (await ResealAsync(tally, row, old, context, ct))?.ToText();
        }
        tally.Examined++;
        return await vault.SealTextAsync(stored, context, ct);
    }

    /// <summary>Counts a stored value that is not even in the sealed format.</summary>
    public void Unreadable(ResealTally tally, string row, string reason)
    {
        tally.Examined++;
        tally.Failed++;
        LogUnopened(logger, tally.Kind, row, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sealed value ({Kind}, {Row}) did not open and was left as it is: {Reason}")]
    private static partial void LogUnopened(ILogger logger, string kind, string row, string reason);
}
