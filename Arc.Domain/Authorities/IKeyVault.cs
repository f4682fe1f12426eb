namespace Arc.Domain.Authorities;

/// <summary>An encrypted private key and the reference of the vault key that sealed it.</summary>
public sealed record SealedSecret(string KeyReference, byte[] Ciphertext);

/// <summary>
/// Seals and unseals authority private keys (spec/backend.md §4.2). The local adapter is AES-256-GCM under a master
/// key kept outside the database; the AWS adapter is KMS Encrypt/Decrypt. Plain keys never leave the caller.
/// </summary>
public interface IKeyVault
{
    Task<SealedSecret> SealAsync(byte[] plaintext, string? keyReference, CancellationToken ct = default);

    Task<byte[]> UnsealAsync(SealedSecret sealedSecret, CancellationToken ct = default);
}
