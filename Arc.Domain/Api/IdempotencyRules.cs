using System.Security.Cryptography;
using Arc.Domain.Common;

namespace Arc.Domain.Api;

/// <summary>What an <c>Idempotency-Key</c> may be and how long its answer is kept.</summary>
public static class IdempotencyRules
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    /// <summary>An answer is replayed for a day: long enough for any retry, short enough to keep the table small.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(24);

    /// <summary>A first request still unfinished after this long was cut short (its process died); the next one takes over.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A key is 1 to 255 visible ASCII characters (a UUID is usual); anything else is refused, never trimmed or guessed at,
    /// so two retries of one request cannot disagree on what their key was.
    /// </summary>
    public static string Key(string? value)
    {
        if (string.IsNullOrEmpty(value))
            throw new ValidationFailedException(Header, $"The {Header} header is empty; send 1 to {MaxKeyLength} visible ASCII characters, such as a UUID.");
        if (value.Length > MaxKeyLength)
            throw new ValidationFailedException(Header, $"The {Header} header is longer than {MaxKeyLength} characters.");
        if (value.Any(c => c is < '!' or > '~'))
            throw new ValidationFailedException(Header, $"The {Header} header may hold only visible ASCII characters, without spaces.");
        return value;
    }

    /// <summary>The fingerprint that tells a retry (same method, path and body) from another request reusing the key.</summary>
    public static string Fingerprint(string method, string pathAndQuery, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // The path's length goes first, so no path and body can be cut apart differently into the same bytes.
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{method.ToUpperInvariant()}\n{pathAndQuery.Length}:{pathAndQuery}\n"));
        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
