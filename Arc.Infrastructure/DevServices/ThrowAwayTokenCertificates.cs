using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Arc.Infrastructure.DevServices;

/// <summary>
/// The API token certificates a portal outside Development must be given (<c>Api:Tokens</c>), made up for a throw-away
/// portal (a test run, a benchmark): self-signed, as Base64 PKCS#12 the way a deployment passes them in from its secret
/// store. A real deployment's come from its own certificate authority.
/// </summary>
public static class ThrowAwayTokenCertificates
{
    /// <summary>A signing and an encryption certificate, as the <c>Api:Tokens</c> settings take them.</summary>
    public static Dictionary<string, string?> Settings(string name, TimeSpan lifetime) => new()
    {
        ["Api:Tokens:SigningCertificate"] = Make($"CN={name} token signing", X509KeyUsageFlags.DigitalSignature, lifetime),
        ["Api:Tokens:EncryptionCertificate"] = Make($"CN={name} token encryption", X509KeyUsageFlags.KeyEncipherment, lifetime),
    };

    private static string Make(string subject, X509KeyUsageFlags usage, TimeSpan lifetime)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.Add(lifetime));
        return Convert.ToBase64String(certificate.Export(X509ContentType.Pkcs12));
    }
}
