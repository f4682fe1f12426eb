using System.Globalization;
using System.Text.RegularExpressions;
using Arc.Domain.Common;

namespace Arc.Domain.Recalls;

/// <summary>
/// An NHTSA recall campaign number: a two-digit year, a type letter (V vehicle, E equipment, T tire, C child seat) and a
/// sequence of three digits, stored in NHTSA's nine-character form <c>23V862000</c>. The short form <c>23V-862</c> (or
/// <c>23V862</c>) is accepted and normalised. The year is read as 1966 (NHTSA's first) to 2065 and may not lie after
/// the current year; the sequence runs from 001.
/// </summary>
public static partial class NhtsaCampaignNumber
{
    public const string Field = "nhtsaNumber";
    private const int MaxInputLength = 20;

    [GeneratedRegex(@"^(?<year>[0-9]{2})(?<type>[VETC])-?(?<seq>[0-9]{3})(?<tail>000)?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Form();

    public static string Parse(string? text, int currentYear)
    {
        var value = (text ?? "").Trim().ToUpperInvariant();
        if (value.Length == 0 || value == "NONE")
            throw new ValidationFailedException(Field, "A recall needs its NHTSA campaign number, such as 23V862000 or 23V-862.");
        if (value.Length > MaxInputLength)
            throw new ValidationFailedException(Field, "An NHTSA campaign number has nine characters, such as 23V862000.");
        if (value.Length >= 3 && char.IsAsciiDigit(value[0]) && char.IsAsciiDigit(value[1]) && !"VETC".Contains(value[2], StringComparison.Ordinal))
            throw new ValidationFailedException(Field, "The third character of an NHTSA campaign number is its type: V, E, T or C.");
        var match = Form().Match(value);
        if (!match.Success)
            throw new ValidationFailedException(Field, "An NHTSA campaign number is a two-digit year, a type letter (V, E, T or C) and a three-digit sequence, such as 23V862000 or 23V-862.");
        var twoDigits = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        var year = twoDigits >= 66 ? 1900 + twoDigits : 2000 + twoDigits;
        if (year > currentYear)
            throw new ValidationFailedException(Field, $"The campaign number's year {year} lies in the future.");
        var sequence = match.Groups["seq"].Value;
        if (sequence == "000")
            throw new ValidationFailedException(Field, "An NHTSA campaign number's sequence starts at 001.");
        return $"{match.Groups["year"].Value}{match.Groups["type"].Value}{sequence}000";
    }

    /// <summary>The short form people say: <c>23V-862</c>.</summary>
    public static string ShortForm(string normalised) =>
        normalised.Length == 9 ? $"{normalised[..3]}-{normalised[3..6]}" : normalised;
}
