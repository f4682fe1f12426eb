using System.Security.Cryptography.X509Certificates;

namespace Arc.Portal.Auth;

/// <summary>
/// The API's access tokens (<c>Api:Tokens</c>): how long one lives, and the certificates that sign and encrypt them. Outside
/// Development both certificates must be configured (Base64 of a PKCS#12 file, from the deployment's secret store), so
/// every node issues and accepts the same tokens and a restart keeps them valid (docs/decisions/0044). Development and
/// the tests use OpenIddict's development certificates.
/// </summary>
public sealed class ApiTokenOptions
{
    public const string Section = "Api:Tokens";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Calls a credential may make a minute (one node), beyond which it is answered 429 with Retry-After.</summary>
    public int PermitsPerMinute { get; set; } = 600;

    public string? SigningCertificate { get; set; }
    public string? SigningCertificatePassword { get; set; }
    public string? EncryptionCertificate { get; set; }
    public string? EncryptionCertificatePassword { get; set; }

    public static X509Certificate2 Load(string name, string base64, string? password)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(base64), password, X509KeyStorageFlags.EphemeralKeySet);
            return certificate.HasPrivateKey ? certificate
                : throw new InvalidOperationException($"{Section}:{name} holds no private key; export the certificate with its key (PKCS#12).");
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"{Section}:{name} is not a Base64 PKCS#12 file that opens with its password.", e);
        }
    }
}
