using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Arc.Domain.Common;

namespace Arc.Domain.Authorities;

/// <summary>
/// A signed vehicle access token (spec/backend.md §4.3): the canonical payload, the delimiter, and standard Base64 of
/// the 64-byte r||s ECDSA P-256/SHA-256 signature over the payload's UTF-8 bytes.
/// </summary>
public static class VehicleToken
{
    public const string Delimiter = "\n====SIGNATURE====\n";

    /// <summary>Validates the caller's token JSON and returns the canonical payload and the VIN it names.</summary>
    public static (string Payload, string Vin) Prepare(string? tokenJson)
    {
        if (string.IsNullOrWhiteSpace(tokenJson))
            throw new ValidationFailedException("token", "A token is required; it must at least name the vin.");
        var payload = PythonJson.Canonicalize(tokenJson);
        using var document = JsonDocument.Parse(tokenJson);
        if (!document.RootElement.TryGetProperty("vin", out var vin) || vin.ValueKind != JsonValueKind.String
            || string.IsNullOrWhiteSpace(vin.GetString()))
            throw new ValidationFailedException("token", "vin must be present in token");
        return (payload, vin.GetString()!);
    }

    public static string Sign(string payload, ECDsa privateKey)
    {
        var signature = privateKey.SignData(Encoding.UTF8.GetBytes(payload), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return payload + Delimiter + Convert.ToBase64String(signature);
    }

    /// <summary>Checks a signed token against a trusted key (Base64 of the 65-byte point), as a vehicle does.</summary>
    public static bool Verify(string signedToken, string trustedKey)
    {
        var at = signedToken.LastIndexOf(Delimiter, StringComparison.Ordinal);
        if (at < 0)
            return false;
        var payload = signedToken[..at];
        byte[] signature, point;
        try
        {
            signature = Convert.FromBase64String(signedToken[(at + Delimiter.Length)..]);
            point = Convert.FromBase64String(trustedKey);
        }
        catch (FormatException)
        {
            return false;
        }
        if (point.Length != AuthorityKeyPair.PublicPointLength || point[0] != 0x04 || signature.Length != 64)
            return false;
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = point[1..33], Y = point[33..] },
        });
        return key.VerifyData(Encoding.UTF8.GetBytes(payload), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }
}
