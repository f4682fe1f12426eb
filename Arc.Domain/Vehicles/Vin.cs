using System.Diagnostics.CodeAnalysis;
using Arc.Domain.Common;

namespace Arc.Domain.Vehicles;

/// <summary>
/// A vehicle identification number as stored in this environment: an ISO 3779 VIN (17 characters, no I, O
/// or Q, check digit in position 9, model-year code in position 10) behind the environment prefix of
/// spec/backend.md §0.1 (<c>DEV-</c> in dev, <c>STAGE-</c> in staging, none in prod).
/// </summary>
public sealed record Vin
{
    public const int Length = 17;
    private const string YearCodes = "ABCDEFGHJKLMNPRSTVWXY123456789";
    private static readonly int[] Weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

    private Vin(string bare, string prefix)
    {
        Bare = bare;
        Value = prefix + bare;
    }

    /// <summary>The VIN as stored and shown, with the environment prefix.</summary>
    public string Value { get; }

    /// <summary>The 17-character VIN without any prefix.</summary>
    public string Bare { get; }

    /// <summary>World manufacturer identifier, positions 1-3.</summary>
    public string Wmi => Bare[..3];

    /// <summary>The model letter code (position 5), e.g. T for the FUV.</summary>
    public char ModelLetter => Bare[4];

    /// <summary>The serial number, positions 12-17.</summary>
    public string Serial => Bare[11..];

    /// <summary>
    /// The model year from position 10. Codes repeat every 30 years. The maker's own VINs (WMI 7F7) all fall in the
    /// cycle from 2010 (spec/portal.md §3.6: H is 2017, 9 is 2039); for others, as North American practice has it,
    /// a letter in position 7 selects the cycle from 2010 and a digit the one from 1980.
    /// </summary>
    public int ModelYear
    {
        get
        {
            var offset = YearCodes.IndexOf(Bare[9], StringComparison.Ordinal);
            var recentCycle = Wmi == MakerWmi || char.IsLetter(Bare[6]);
            return (recentCycle ? 2010 : 1980) + offset;
        }
    }

    /// <summary>The maker's world manufacturer identifier.</summary>
    public const string MakerWmi = "7F7";

    public override string ToString() => Value;

    /// <summary>Parses user input (case and surrounding blanks forgiven) into the VIN of the given environment.</summary>
    public static Vin Parse(string? input, DeploymentEnvironment environment) =>
        TryParse(input, environment, out var vin, out var error) ? vin : throw new ValidationFailedException("vin", error);

    public static bool TryParse(string? input, DeploymentEnvironment environment,
        [NotNullWhen(true)] out Vin? vin, [NotNullWhen(false)] out string? error)
    {
        vin = null;
        var text = (input ?? "").Trim().ToUpperInvariant();
        if (text.Length == 0)
        {
            error = "A VIN is required.";
            return false;
        }
        if (text.Length > 40)
        {
            error = "A VIN has 17 characters; this is far too long.";
            return false;
        }

        var prefix = environment.VinPrefix();
        foreach (var other in new[] { "DEV-", "STAGE-" })
        {
            if (other != prefix && text.StartsWith(other, StringComparison.Ordinal))
            {
                error = environment == DeploymentEnvironment.Prod
                    ? $"Production VINs carry no '{other}' prefix."
                    : $"VINs in {environment.DisplayName()} start with '{prefix}', not '{other}'.";
                return false;
            }
        }
        // In a non-production environment the prefix may be typed or left for us to add.
        var bare = prefix.Length > 0 && text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : text;

        error = ValidateBare(bare);
        if (error is not null)
            return false;
        vin = new Vin(bare, prefix);
        return true;
    }

    /// <summary>True when the text is a well-formed VIN of that environment.</summary>
    public static bool IsValid(string? input, DeploymentEnvironment environment) => TryParse(input, environment, out _, out _);

    /// <summary>The check digit (position 9) that the other sixteen characters call for.</summary>
    public static char ComputeCheckDigit(string bare)
    {
        var sum = 0;
        for (var i = 0; i < Length; i++)
        {
            if (i == 8)
                continue;
            sum += Transliterate(bare[i]) * Weights[i];
        }
        var remainder = sum % 11;
        return remainder == 10 ? 'X' : (char)('0' + remainder);
    }

    private static string? ValidateBare(string bare)
    {
        if (bare.Length != Length)
            return $"A VIN has exactly 17 characters; '{Shorten(bare)}' has {bare.Length}.";
        for (var i = 0; i < bare.Length; i++)
        {
            var c = bare[i];
            if (c is 'I' or 'O' or 'Q')
                return $"A VIN never contains I, O or Q (position {i + 1} is '{c}').";
            if (!char.IsAsciiDigit(c) && !char.IsAsciiLetterUpper(c))
                return $"A VIN holds only letters and digits (position {i + 1} is not one).";
        }
        if (!YearCodes.Contains(bare[9], StringComparison.Ordinal))
            return $"Position 10 must be a model-year code; '{bare[9]}' is not one.";
        var expected = ComputeCheckDigit(bare);
        if (bare[8] != expected)
            return $"The check digit (position 9) is '{bare[8]}' but the VIN calls for '{expected}'.";
        return null;
    }

    private static int Transliterate(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        'A' or 'J' => 1,
        'B' or 'K' or 'S' => 2,
        'C' or 'L' or 'T' => 3,
        'D' or 'M' or 'U' => 4,
        'E' or 'N' or 'V' => 5,
        'F' or 'W' => 6,
        'G' or 'P' or 'X' => 7,
        'H' or 'Y' => 8,
        'R' or 'Z' => 9,
        _ => throw new ArgumentOutOfRangeException(nameof(c), "Not a VIN character."),
    };

    private static string Shorten(string text) => text.Length <= 24 ? text : text[..24] + "…";
}
