using System.Buffers.Binary;
using System.Text;

namespace Arc.Domain.Authorities;

/// <summary>A sealed value and the reference of the vault key that sealed it.</summary>
public sealed record SealedSecret(string KeyReference, byte[] Ciphertext)
{
    public const string TextPrefix = "sealed:";

    /// <summary>
    /// The form kept in a text column (a factory PIN, a session PIN): <c>sealed:&lt;key reference&gt;:&lt;Base64&gt;</c>.
    /// A key reference may hold colons (an ARN); Base64 never does, so the last colon ends the reference.
    /// </summary>
    public string ToText() => $"{TextPrefix}{KeyReference}:{Convert.ToBase64String(Ciphertext)}";

    /// <summary>True when the text is a sealed value rather than a plain one written before values were sealed.</summary>
    public static bool IsSealedText(string? text) => text is not null && text.StartsWith(TextPrefix, StringComparison.Ordinal);

    public static SealedSecret FromText(string text)
    {
        var split = text.LastIndexOf(':');
        if (!IsSealedText(text) || split <= TextPrefix.Length)
            throw new FormatException("The stored value is not a sealed value.");
        return new SealedSecret(text[TextPrefix.Length..split], Convert.FromBase64String(text[(split + 1)..]));
    }
}

/// <summary>
/// What a sealed value is for and which row it belongs to. The vault binds it into the seal (AES-GCM associated data
/// locally, the KMS encryption context in AWS), so a value copied into another row, or used for another purpose, does
/// not open.
/// </summary>
public readonly record struct SealContext(string Purpose, string Subject)
{
    /// <summary>An authority's private key, bound to its public key: a key moved to another authority does not open.</summary>
    public static SealContext AuthorityKey(byte[] publicKey) => new(SealPurposes.AuthorityKey, Convert.ToBase64String(publicKey));

    public static SealContext Totp(string username) => new(SealPurposes.Totp, username);

    public static SealContext FactoryPin(string vin) => new(SealPurposes.FactoryPin, vin);

    public static SealContext ManagedPin(string vin) => new(SealPurposes.ManagedPin, vin);

    /// <summary>An identity file kept for one collection through the API, bound to its pickup row.</summary>
    public static SealContext IdentityPickup(long pickupId) =>
        new(SealPurposes.IdentityPickup, pickupId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static SealContext BulkIdentity(long jobId, int line) =>
        new(SealPurposes.BulkIdentity, FormattableString.Invariant($"{jobId}/{line}"));

    /// <summary>The secrets of one email, bound to its recipient: a code copied to a message for someone else does not open.</summary>
    public static SealContext EmailSecrets(string template, string to) => new(SealPurposes.EmailSecrets, $"{template}/{to}");

    public static SealContext LocalCaKey(int id) => new(SealPurposes.LocalCaKey, id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static SealContext DataProtection { get; } = new(SealPurposes.DataProtection, "key-ring");

    /// <summary>Purpose and subject as unambiguous bytes: each UTF-8, preceded by its length.</summary>
    public byte[] ToBytes()
    {
        var purpose = Encoding.UTF8.GetBytes(Purpose ?? "");
        var subject = Encoding.UTF8.GetBytes(Subject ?? "");
        var bytes = new byte[8 + purpose.Length + subject.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, purpose.Length);
        purpose.CopyTo(bytes, 4);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + purpose.Length), subject.Length);
        subject.CopyTo(bytes, 8 + purpose.Length);
        return bytes;
    }

    public override string ToString() => $"{Purpose}/{Subject}";
}

/// <summary>The purposes of sealed values; each is stable, since it is bound into values already stored.</summary>
public static class SealPurposes
{
    public const string AuthorityKey = "authority-key";
    public const string Totp = "totp";
    public const string FactoryPin = "factory-pin";
    public const string ManagedPin = "managed-pin";
    public const string BulkIdentity = "bulk-identity";
    public const string IdentityPickup = "identity-pickup";
    public const string EmailSecrets = "email-secrets";
    public const string LocalCaKey = "local-ca-key";
    public const string DataProtection = "data-protection";
}

/// <summary>
/// Seals and unseals secrets kept in the database: authority private keys (spec/backend.md §4.2), authenticator secrets,
/// PINs, email secrets. The local adapter is AES-256-GCM under versioned master keys kept outside the database; the AWS
/// adapter is KMS Encrypt/Decrypt. Plain values never leave the caller.
/// </summary>
public interface IKeyVault
{
    /// <param name="keyReference">The key to seal with where the store keeps one per row (an authority's KMS key); null for the default.</param>
    Task<SealedSecret> SealAsync(byte[] plaintext, SealContext context, string? keyReference = null, CancellationToken ct = default);

    /// <summary>Opens a value sealed with the same context; values sealed before contexts existed open without one.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The value was changed, or belongs to another row or purpose.</exception>
    Task<byte[]> UnsealAsync(SealedSecret sealedSecret, SealContext context, CancellationToken ct = default);

    /// <summary>True when the value is sealed with the current key and bound to a context; the re-seal command re-seals the rest.</summary>
    bool IsCurrent(SealedSecret sealedSecret);
}

public static class KeyVaultTextExtensions
{
    /// <summary>Seals a short text (a PIN) into the form kept in a text column.</summary>
    public static async Task<string> SealTextAsync(this IKeyVault vault, string plaintext, SealContext context, CancellationToken ct = default)
    {
        var bytes = Encoding.UTF8.GetBytes(plaintext);
        try
        {
            return (await vault.SealAsync(bytes, context, ct: ct)).ToText();
        }
        finally
        {
            Array.Clear(bytes);
        }
    }

    /// <summary>
    /// Opens what <see cref="SealTextAsync"/> stored. A plain value written before such values were sealed is returned
    /// as it is. A value that does not open (changed, or copied from another row) is a conflict naming <paramref name="what"/>.
    /// </summary>
    public static async Task<string> UnsealTextAsync(this IKeyVault vault, string stored, SealContext context, string what, CancellationToken ct = default)
    {
        if (!SealedSecret.IsSealedText(stored))
            return stored;
        try
        {
            return Encoding.UTF8.GetString(await vault.UnsealAsync(SealedSecret.FromText(stored), context, ct));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException or InvalidOperationException)
        {
            throw new Common.ConflictException($"The stored {what} cannot be opened: it was changed, belongs to another record, or was sealed with a key this portal does not have.", e);
        }
    }
}
