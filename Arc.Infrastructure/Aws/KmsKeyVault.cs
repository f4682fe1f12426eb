using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using Arc.Domain.Authorities;
using Arc.Domain.Common;

namespace Arc.Infrastructure.Aws;

/// <summary>
/// Authority keys sealed by AWS KMS (spec/backend.md §4.2): Encrypt with the authority's key id (or the configured
/// default), Decrypt without one, since the ciphertext names its key. Keys the old system stored decrypt unchanged.
/// A KMS failure leaves as <see cref="ServiceUnavailableException"/>, with what KMS said inside for the log.
/// </summary>
public sealed class KmsKeyVault(IAmazonKeyManagementService kms, string defaultKeyId) : IKeyVault
{
    public async Task<SealedSecret> SealAsync(byte[] plaintext, string? keyReference, CancellationToken ct = default)
    {
        var keyId = string.IsNullOrEmpty(keyReference) || keyReference.StartsWith("local:", StringComparison.Ordinal) ? defaultKeyId : keyReference;
        using var input = new MemoryStream(plaintext, writable: false);
        var response = await CallAsync(() => kms.EncryptAsync(new EncryptRequest { KeyId = keyId, Plaintext = input }, ct));
        return new SealedSecret(keyId, response.CiphertextBlob.ToArray());
    }

    public async Task<byte[]> UnsealAsync(SealedSecret sealedSecret, CancellationToken ct = default)
    {
        using var input = new MemoryStream(sealedSecret.Ciphertext, writable: false);
        var response = await CallAsync(() => kms.DecryptAsync(new DecryptRequest { CiphertextBlob = input }, ct));
        return response.Plaintext.ToArray();
    }

    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException)
        {
            throw new ServiceUnavailableException("The key service (AWS KMS) did not carry out the request; try again later.", e);
        }
    }
}
