using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Arc.Infrastructure.Intake.Mqtt;

/// <summary>How the broker knows a device: a client certificate chained to the local device CA, for client authentication.</summary>
public static class MqttDeviceCertificates
{
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    /// <summary>
    /// A TLS validation callback trusting only <paramref name="root"/>. The system's own verdict is ignored: it never
    /// trusts the local CA, and trusting what it does trust would let any public certificate in.
    /// </summary>
    public static RemoteCertificateValidationCallback Validator(X509Certificate2 root) => (_, certificate, _, _) =>
    {
        if (certificate is null)
            return false;
        var presented = certificate as X509Certificate2;
        using var loaded = presented is null ? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()) : null;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ClientAuthentication));
        return chain.Build(presented ?? loaded!);
    };

    /// <summary>The VIN a device certificate names (its common name).</summary>
    public static string Vin(X509Certificate2 certificate) => certificate.GetNameInfo(X509NameType.SimpleName, false);

    /// <summary>The id the registry keeps the certificate under: the SHA-256 of its DER, as AWS IoT names certificates.</summary>
    public static string Id(X509Certificate2 certificate) => Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));
}
