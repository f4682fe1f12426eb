using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Arc.Domain.Authorities;
using Microsoft.Extensions.Options;

namespace Arc.Infrastructure.Authorities;

public sealed class KeyVaultOptions
{
    public const string Section = "KeyVault";

    /// <summary>local (AES-256-GCM under a master key) or kms.</summary>
    [RegularExpression("^(local|kms)$")]
    public string Provider { get; set; } = "local";

    /// <summary>The local vault's 32-byte master key, Base64. Required outside Development.</summary>
    public string? MasterKey { get; set; }

    /// <summary>Where Development keeps a generated master key (never in the database).</summary>
    public string? MasterKeyFile { get; set; }
}

/// <summary>
/// The embedded key vault: AES-256-GCM envelope under a master key kept outside the database (a file under .data/ in
/// Development, configuration in production). Sealed form: 12-byte nonce, 16-byte tag, ciphertext; the key
/// reference is authenticated as associated data, so a ciphertext cannot be moved to another reference.
/// </summary>
public sealed class LocalKeyVault : IKeyVault
{
    public const string KeyReference = "local:aes-gcm:v1";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _masterKey;

    public LocalKeyVault(IOptions<KeyVaultOptions> options) => _masterKey = LoadMasterKey(options.Value);

    public Task<SealedSecret> SealAsync(byte[] plaintext, string? keyReference, CancellationToken ct = default)
    {
        var output = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_masterKey, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), Encoding.ASCII.GetBytes(KeyReference));
        return Task.FromResult(new SealedSecret(KeyReference, output));
    }

    public Task<byte[]> UnsealAsync(SealedSecret sealedSecret, CancellationToken ct = default)
    {
        if (sealedSecret.KeyReference != KeyReference)
            throw new InvalidOperationException($"This key was sealed by another vault ({sealedSecret.KeyReference}); configure that vault.");
        var data = sealedSecret.Ciphertext;
        if (data.Length < NonceSize + TagSize)
            throw new CryptographicException("The sealed key is truncated.");
        var plaintext = new byte[data.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_masterKey, TagSize);
        aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize + TagSize), data.AsSpan(NonceSize, TagSize), plaintext,
            Encoding.ASCII.GetBytes(KeyReference));
        return Task.FromResult(plaintext);
    }

    private static byte[] LoadMasterKey(KeyVaultOptions options)
    {
        if (!string.IsNullOrEmpty(options.MasterKey))
            return Decode(options.MasterKey, "KeyVault:MasterKey");
        if (string.IsNullOrEmpty(options.MasterKeyFile))
            throw new InvalidOperationException("The local key vault needs KeyVault:MasterKey (32 bytes, Base64); outside Development there is no default.");
        if (!File.Exists(options.MasterKeyFile))
            CreateMasterKeyFile(options.MasterKeyFile);
        return Decode(File.ReadAllText(options.MasterKeyFile).Trim(), options.MasterKeyFile);
    }

    /// <summary>
    /// Writes a new key beside the target and moves it into place, so a portal starting at the same moment (two
    /// processes, or two test portals in one) reads either no file or a whole one, and the first key made wins.
    /// </summary>
    private static void CreateMasterKeyFile(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // Starters take turns: File.Move cannot promise "only if absent" atomically on every file system, a lock can.
        using var turn = WaitForTurn(path + ".lock");
        if (File.Exists(path))
            return;
        var pending = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(pending, new FileStreamOptions
                   {
                       Mode = FileMode.CreateNew,
                       Access = FileAccess.Write,
                       UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                   }))
            using (var writer = new StreamWriter(stream))
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            File.Move(pending, path, overwrite: false);
        }
        finally
        {
            File.Delete(pending);
        }
    }

    /// <summary>An exclusive lock on a file (on Unix, .NET takes an advisory lock for FileShare.None), held while open.</summary>
    private static FileStream WaitForTurn(string lockPath)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return new FileStream(lockPath, new FileStreamOptions
                {
                    Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Another starter holds it for the moment it takes to write a key; look again shortly.
                Thread.Sleep(10);
            }
        }
    }

    private static byte[] Decode(string text, string source)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"The key vault master key in {source} is not Base64.");
        }
        return key.Length == 32 ? key : throw new InvalidOperationException($"The key vault master key in {source} must be 32 bytes.");
    }
}
