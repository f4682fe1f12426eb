using System.Security.Cryptography;
using Arc.Domain.Common;

namespace Arc.Domain.Authorities;

/// <summary>
/// A vehicle's 6-digit factory PIN (spec/backend.md §4.5). New PINs are drawn uniformly from 000000-999999 and
/// trivial ones (one digit repeated, ascending or descending runs) are drawn again; the old system stored the
/// trivial PIN instead and could produce seven digits (§11 #1).
/// </summary>
public sealed record FactoryPin
{
    public const int Length = 6;

    private static readonly HashSet<string> Trivial = BuildTrivial();

    private FactoryPin(string value) => Value = value;

    public string Value { get; }

    public override string ToString() => Value;

    public static FactoryPin Generate() => Generate(() => RandomNumberGenerator.GetInt32(0, 1_000_000));

    /// <summary>Draws until a non-trivial PIN comes up; the source yields integers in [0, 1,000,000).</summary>
    public static FactoryPin Generate(Func<int> draw)
    {
        while (true)
        {
            var candidate = draw().ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            if (candidate.Length == Length && !Trivial.Contains(candidate))
                return new FactoryPin(candidate);
        }
    }

    public static bool IsTrivial(string pin) => Trivial.Contains(pin);

    public static FactoryPin Parse(string? text)
    {
        var value = (text ?? "").Trim();
        if (value.Length != Length || !value.All(char.IsAsciiDigit))
            throw new ValidationFailedException("pin", "A PIN is exactly 6 digits.");
        if (Trivial.Contains(value))
            throw new ValidationFailedException("pin", "That PIN is too easy to guess (a repeated digit or a run).");
        return new FactoryPin(value);
    }

    private static HashSet<string> BuildTrivial()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var d = 0; d <= 9; d++)
            set.Add(new string((char)('0' + d), Length));
        const string up = "01234567890";
        const string down = "09876543210";
        for (var i = 0; i + Length <= up.Length; i++)
        {
            set.Add(up.Substring(i, Length));
            set.Add(down.Substring(i, Length));
        }
        return set;
    }
}
