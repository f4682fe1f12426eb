using Arc.Domain.Users;

namespace Arc.Portal.Tests.Support;

/// <summary>What an authenticator app shows for a key typed in as base32.</summary>
public static class TotpCodes
{
    public static string For(string base32Secret, DateTimeOffset at)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in base32Secret.Trim())
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return Totp.Compute(bytes.ToArray(), Totp.Counter(at));
    }
}
