using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Arc.Domain.Users;

/// <summary>
/// Time-based one-time passwords as authenticator apps make them (RFC 6238 over RFC 4226: HMAC-SHA1, 30-second steps,
/// 6 digits), and the <c>otpauth://</c> URI their QR codes carry.
/// </summary>
public static class Totp
{
    public const int Digits = 6;
    public const int StepSeconds = 30;
    public const int SecretBytes = 20;

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretBytes);

    public static long Counter(DateTimeOffset time) => time.ToUnixTimeSeconds() / StepSeconds;

    public static string Compute(byte[] secret, long counter)
    {
        Span<byte> message = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, counter);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // RFC 6238 as every authenticator app implements it; HMAC-SHA1 is not broken as a MAC.
        HMACSHA1.HashData(secret, message, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7FFFFFFF) % 1_000_000;
        return binary.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The counter the code belongs to, allowing one step of clock drift either way, or null. A code whose counter is
    /// not after <paramref name="lastUsed"/> was used already and is refused (no replay).
    /// </summary>
    public static long? Verify(byte[] secret, string? code, DateTimeOffset now, long lastUsed)
    {
        if (code is not { Length: Digits } || !code.All(char.IsAsciiDigit))
            return null;
        var current = Counter(now);
        for (var counter = current - 1; counter <= current + 1; counter++)
        {
            if (counter > lastUsed && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(secret, counter)), Encoding.ASCII.GetBytes(code)))
                return counter;
        }
        return null;
    }

    public static string Base32(byte[] data)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var output = new StringBuilder((data.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                output.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0)
            output.Append(alphabet[(buffer << (5 - bits)) & 31]);
        return output.ToString();
    }

    public static string Uri(string issuer, string account, byte[] secret) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(issuer)}:{System.Uri.EscapeDataString(account)}?secret={Base32(secret)}" +
        $"&issuer={System.Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits={Digits}&period={StepSeconds}";
}
