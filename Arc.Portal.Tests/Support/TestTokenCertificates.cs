using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Arc.Portal.Tests.Support;

/// <summary>
/// The API token certificates a portal outside Development must be given (<c>Api:Tokens</c>): made once per test run,
/// self-signed, as Base64 PKCS#12 the way a deployment passes them in from its secret store.
/// </summary>
public static class TestTokenCertificates
{
    private static readonly Lazy<(string Signing, string Encryption)> Made = new(() =>
        (Make("CN=Arc Portal test token signing", X509KeyUsageFlags.DigitalSignature),
         Make("CN=Arc Portal test token encryption", X509KeyUsageFlags.KeyEncipherment)));

    public static IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        yield return new("Api:Tokens:SigningCertificate", Made.Value.Signing);
        yield return new("Api:Tokens:EncryptionCertificate", Made.Value.Encryption);
    }

    private static string Make(string subject, X509KeyUsageFlags usage)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return Convert.ToBase64String(certificate.Export(X509ContentType.Pkcs12));
    }
}
