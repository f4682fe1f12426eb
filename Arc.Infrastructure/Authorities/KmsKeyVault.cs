using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using Arc.Domain.Authorities;
using Arc.Domain.Common;

namespace Arc.Infrastructure.Authorities;

/// <summary>
/// Values sealed by AWS KMS (spec/backend.md §4.2): Encrypt with the row's key id (an authority's) or the configured
/// default, with the value's context as the KMS encryption context, so KMS refuses to decrypt it for another row or
/// purpose. Such values carry the reference <c>ctx:&lt;key id&gt;</c>. A plain key id is a value sealed without a
/// context (by the old system or before contexts existed): it decrypts as before, and the reseal command binds it.
/// KMS rotates its own backing keys, so every value with a context is current.
/// A KMS failure leaves as <see cref="ServiceUnavailableException"/>, with what KMS said inside for the log.
/// </summary>
public sealed class KmsKeyVault(IAmazonKeyManagementService kms, string defaultKeyId) : IKeyVault
{
    public const string ContextPrefix = "ctx:";
    public const string PurposeKey = "purpose";
    public const string SubjectKey = "subject";

    public async Task<SealedSecret> SealAsync(byte[] plaintext, SealContext context, string? keyReference = null, CancellationToken ct = default)
    {
        var keyId = KeyIdOf(keyReference) ?? defaultKeyId;
        using var input = new MemoryStream(plaintext, writable: false);
        var response = await CallAsync(() => kms.EncryptAsync(new EncryptRequest { KeyId = keyId, Plaintext = input, EncryptionContext = EncryptionContext(context) }, ct), ct);
        return new SealedSecret(ContextPrefix + keyId, response.CiphertextBlob.ToArray());
    }

    public async Task<byte[]> UnsealAsync(SealedSecret sealedSecret, SealContext context, CancellationToken ct = default)
    {
        using var input = new MemoryStream(sealedSecret.Ciphertext, writable: false);
        var request = new DecryptRequest { CiphertextBlob = input };
        if (sealedSecret.KeyReference.StartsWith(ContextPrefix, StringComparison.Ordinal))
        {
            request.KeyId = sealedSecret.KeyReference[ContextPrefix.Length..];
            request.EncryptionContext = EncryptionContext(context);
        }
        DecryptResponse response;
        try
        {
            response = await CallAsync(() => kms.DecryptAsync(request, ct), ct);
        }
        catch (InvalidCiphertextException e)
        {
            // What KMS answers for a value of another row or purpose (a different encryption context).
            throw new System.Security.Cryptography.CryptographicException("KMS did not accept the sealed value for this row.", e);
        }
        return response.Plaintext.ToArray();
    }

    public bool IsCurrent(SealedSecret sealedSecret) => sealedSecret.KeyReference.StartsWith(ContextPrefix, StringComparison.Ordinal);

    /// <summary>The KMS key a stored reference names; null for none or a local vault's reference.</summary>
    private static string? KeyIdOf(string? keyReference) => keyReference switch
    {
        null or "" => null,
        _ when keyReference.StartsWith("local:", StringComparison.Ordinal) => null,
        _ when keyReference.StartsWith(ContextPrefix, StringComparison.Ordinal) => keyReference[ContextPrefix.Length..],
        _ => keyReference,
    };

    private static Dictionary<string, string> EncryptionContext(SealContext context) =>
        new(StringComparer.Ordinal) { [PurposeKey] = context.Purpose, [SubjectKey] = context.Subject };

    /// <remarks>The SDK lets a refused connection or a timeout through as the HTTP client's own exception.</remarks>
    private static async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call();
        }
        catch (InvalidCiphertextException)
        {
            throw;
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException
                                      || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new ServiceUnavailableException("The key service (AWS KMS) did not carry out the request; try again later.", e);
        }
    }
}
