using System.Security.Cryptography;
using System.Text;

namespace Arc.Domain.Credentials;

/// <summary>
/// Client ids, secrets and their hashes. A secret is 32 random bytes (Base64url, with a prefix that secret scanners can
/// recognise); it is shown once and stored as PBKDF2-HMAC-SHA256 with a random 16-byte salt
/// (<c>pbkdf2-sha256$iterations$salt$hash</c>, docs/decisions/0044). A secret of 256 random bits cannot be guessed, so the
/// iteration count only has to make a stolen table useless, not slow down guessing of a weak password.
/// </summary>
public static class CredentialSecrets
{
    public const string SecretPrefix = "arcs_";
    public const string ClientIdPrefix = "arc-";
    public const int Iterations = 100_000;
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string NewClientId() => ClientIdPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));

    public static string NewSecret() =>
        SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>True when the secret is the one hashed; a malformed stored hash verifies nothing.</summary>
    public static bool Verify(string storedHash, string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 200)
            return false;
        var parts = storedHash.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
            return false;
        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
