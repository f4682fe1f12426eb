using System.Security.Cryptography;
using System.Text;

namespace Arc.Domain.Authorities;

/// <summary>The key material of spec/backend.md §4.2: ECDSA P-256, the private key as unencrypted PKCS#8 PEM, the
/// public key as the 65-byte X9.62 uncompressed point.</summary>
public static class AuthorityKeyPair
{
    public const int PublicPointLength = 65;

    /// <summary>A new key pair: the PEM bytes to seal, and the public point to publish.</summary>
    public static (byte[] PrivateKeyPem, byte[] PublicPoint) Generate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()), PublicPoint(key));
    }

    public static byte[] PublicPoint(ECDsa key)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        var point = new byte[PublicPointLength];
        point[0] = 0x04;
        parameters.Q.X!.CopyTo(point, 1);
        parameters.Q.Y!.CopyTo(point, 33);
        return point;
    }

    /// <summary>Loads a sealed-and-unsealed private key; the caller disposes it as soon as it has signed.</summary>
    public static ECDsa LoadPrivate(byte[] privateKeyPem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(Encoding.ASCII.GetString(privateKeyPem));
        return key;
    }
}
