using Arc.Domain.Authorities;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Arc.Infrastructure.Authorities;

/// <summary>
/// Brings the sealed values of the database up to date. At every start-up it seals what is still stored plain
/// (factory PINs, managed-session PINs, secrets of queued emails); the reseal command also re-seals every sealed value
/// under the vault's current master key, so an old key can be retired. Each row is written only if it still holds what
/// was read, so a value changed meanwhile by a running portal is left as that portal wrote it. Safe to run again.
/// Each kind of value has its own class beside this one.
/// </summary>
public sealed partial class SecretResealer
{
    public const string AuthorityKeys = "authority private keys";
    public const string TotpSecrets = "authenticator secrets";
    public const string LocalCaKey = "local CA key";
    public const string BulkIdentities = "bulk identity files";
    public const string FactoryPins = "factory PINs";
    public const string ManagedPins = "managed-session PINs";
    public const string EmailSecrets = "email secrets";
    public const string DataProtectionKeys = "data-protection keys";

    private readonly ILogger<SecretResealer> _logger;
    private readonly SealedKeyColumns _keyColumns;
    private readonly SealedPins _pins;
    private readonly SealedEmailSecrets _emails;
    private readonly SealedDataProtectionKeys _dataProtection;

    public SecretResealer(IDbContextFactory<ArcDbContext> contexts, IKeyVault vault, ILogger<SecretResealer> logger)
    {
        _logger = logger;
        var resealing = new SealedValueResealing(vault, logger);
        _keyColumns = new SealedKeyColumns(contexts, resealing);
        _pins = new SealedPins(contexts, resealing);
        _emails = new SealedEmailSecrets(contexts, resealing);
        _dataProtection = new SealedDataProtectionKeys(contexts, resealing);
    }

    /// <summary>Seals the values still stored plain; what is sealed already is left as it is.</summary>
    public async Task<IReadOnlyList<ResealCount>> SealPlainValuesAsync(CancellationToken ct = default)
    {
        IReadOnlyList<ResealCount> counts =
            [await _pins.FactoryPinsAsync(all: false, ct), await _pins.ManagedPinsAsync(all: false, ct), await _emails.EmailsAsync(all: false, ct)];
        foreach (var count in counts.Where(c => c.SealedFromPlain > 0 || c.Failed > 0))
            LogPass(_logger, count.Kind, count.SealedFromPlain, count.Resealed, count.Failed);
        return counts;
    }

    /// <summary>Re-seals every sealed value in the database under the vault's current key, and seals what is still plain.</summary>
    public async Task<IReadOnlyList<ResealCount>> ResealAllAsync(CancellationToken ct = default)
    {
        IReadOnlyList<ResealCount> counts =
        [
            await _keyColumns.AuthorityKeysAsync(ct), await _keyColumns.TotpSecretsAsync(ct), await _keyColumns.LocalCaKeyAsync(ct),
            await _keyColumns.BulkIdentitiesAsync(ct), await _pins.FactoryPinsAsync(all: true, ct), await _pins.ManagedPinsAsync(all: true, ct),
            await _emails.EmailsAsync(all: true, ct), await _dataProtection.KeysAsync(ct),
        ];
        foreach (var count in counts)
            LogPass(_logger, count.Kind, count.SealedFromPlain, count.Resealed, count.Failed);
        return counts;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sealed values, {Kind}: {SealedFromPlain} sealed from plain, {Resealed} re-sealed, {Failed} did not open")]
    private static partial void LogPass(ILogger logger, string kind, int sealedFromPlain, int resealed, int failed);
}
