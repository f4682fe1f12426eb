using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Arc.Domain.Authorities;
using Microsoft.Extensions.Options;

namespace Arc.Infrastructure.Authorities;

public sealed class KeyVaultOptions
{
    public const string Section = "KeyVault";

    /// <summary>local (AES-256-GCM under a master key) or kms.</summary>
    [RegularExpression("^(?i:local|kms)$")]
    public string Provider { get; set; } = "local";

    /// <summary>The local vault's first master key (version 1), 32 bytes Base64. Required outside Development.</summary>
    public string? MasterKey { get; set; }

    /// <summary>Where Development keeps a generated master key (version 1; never in the database).</summary>
    public string? MasterKeyFile { get; set; }

    /// <summary>Further master keys by version (<c>KeyVault:MasterKeys:2</c>, ...), 32 bytes Base64 each, for rotation.</summary>
    public Dictionary<string, string> MasterKeys { get; set; } = [];

    /// <summary>The version new values are sealed with; by default the highest configured.</summary>
    public int? CurrentVersion { get; set; }
}

/// <summary>
/// The embedded key vault: AES-256-GCM under master keys kept outside the database (a file under .data/ in Development,
/// configuration in production). Sealed form: 12-byte nonce, 16-byte tag, ciphertext. The associated data is the key
/// reference and the value's context (purpose and row), so a ciphertext cannot be moved to another row or purpose.
/// Several master key versions may be configured: values are sealed with the current one and open with any, and the
/// reseal command moves everything to the current one before an old key is retired. Values sealed before contexts
/// existed carry the reference <see cref="LegacyReference"/> (key version 1, no context) and still open.
/// </summary>
public sealed class LocalKeyVault : IKeyVault
{
    public const string LegacyReference = "local:aes-gcm:v1";
    private const string ReferencePrefix = "local:aes-gcm:key";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly Dictionary<int, byte[]> _keys;
    private readonly int _current;

    public LocalKeyVault(IOptions<KeyVaultOptions> options) => (_keys, _current) = LoadMasterKeys(options.Value);

    /// <summary>The reference of values sealed under a master key version, e.g. <c>local:aes-gcm:key2</c>.</summary>
    public static string ReferenceFor(int version) => ReferencePrefix + version.ToString(CultureInfo.InvariantCulture);

    public int CurrentVersion => _current;

    public Task<SealedSecret> SealAsync(byte[] plaintext, SealContext context, string? keyReference = null, CancellationToken ct = default)
    {
        var reference = ReferenceFor(_current);
        var output = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[_current], TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), AssociatedData(reference, context));
        return Task.FromResult(new SealedSecret(reference, output));
    }

    public Task<byte[]> UnsealAsync(SealedSecret sealedSecret, SealContext context, CancellationToken ct = default)
    {
        var reference = sealedSecret.KeyReference;
        int version;
        byte[] associatedData;
        if (reference == LegacyReference)
            (version, associatedData) = (1, Encoding.ASCII.GetBytes(LegacyReference));
        else if (VersionOf(reference) is { } v)
            (version, associatedData) = (v, AssociatedData(reference, context));
        else
            throw new InvalidOperationException($"This value was sealed by another vault ({reference}); configure that vault.");
        if (!_keys.TryGetValue(version, out var key))
            throw new InvalidOperationException($"This value was sealed with master key version {version}, which is not configured (KeyVault:MasterKeys:{version}).");
        var data = sealedSecret.Ciphertext;
        if (data.Length < NonceSize + TagSize)
            throw new CryptographicException("The sealed value is truncated.");
        var plaintext = new byte[data.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize + TagSize), data.AsSpan(NonceSize, TagSize), plaintext, associatedData);
        return Task.FromResult(plaintext);
    }

    public bool IsCurrent(SealedSecret sealedSecret) => sealedSecret.KeyReference == ReferenceFor(_current);

    private static int? VersionOf(string reference) =>
        reference.StartsWith(ReferencePrefix, StringComparison.Ordinal)
        && int.TryParse(reference.AsSpan(ReferencePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : null;

    private static byte[] AssociatedData(string reference, SealContext context)
    {
        var head = Encoding.ASCII.GetBytes(reference);
        var tail = context.ToBytes();
        var bytes = new byte[head.Length + 1 + tail.Length];
        head.CopyTo(bytes, 0);
        tail.CopyTo(bytes, head.Length + 1);
        return bytes;
    }

    private static (Dictionary<int, byte[]> Keys, int Current) LoadMasterKeys(KeyVaultOptions options)
    {
        var keys = new Dictionary<int, byte[]>();
        foreach (var (name, value) in options.MasterKeys)
        {
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
                throw new InvalidOperationException($"KeyVault:MasterKeys:{name}: a master key version is a whole number from 1.");
            keys[version] = Decode(value, $"KeyVault:MasterKeys:{name}");
        }
        var first = LoadFirstMasterKey(options, required: !keys.ContainsKey(1) && keys.Count == 0);
        if (first is not null)
        {
            if (keys.TryGetValue(1, out var configured) && !configured.AsSpan().SequenceEqual(first))
                throw new InvalidOperationException("KeyVault:MasterKey and KeyVault:MasterKeys:1 are both version 1 but differ; keep one.");
            keys[1] = first;
        }
        var current = options.CurrentVersion ?? keys.Keys.Max();
        if (!keys.ContainsKey(current))
            throw new InvalidOperationException($"KeyVault:CurrentVersion is {current}, but no master key of that version is configured.");
        return (keys, current);
    }

    /// <summary>Version 1: KeyVault:MasterKey, else (Development) the key file, made on first use.</summary>
    private static byte[]? LoadFirstMasterKey(KeyVaultOptions options, bool required)
    {
        if (!string.IsNullOrEmpty(options.MasterKey))
            return Decode(options.MasterKey, "KeyVault:MasterKey");
        if (string.IsNullOrEmpty(options.MasterKeyFile))
        {
            return required
                ? throw new InvalidOperationException("The local key vault needs KeyVault:MasterKey (32 bytes, Base64); outside Development there is no default.")
                : null;
        }
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
