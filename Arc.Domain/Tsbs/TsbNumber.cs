using System.Text.RegularExpressions;
using Arc.Domain.Common;

namespace Arc.Domain.Tsbs;

/// <summary>
/// The maker's bulletin number, such as <c>TSB-2023-004</c> or <c>SB 19.01</c>: letters and digits in groups joined by
/// one hyphen, dot or underscore, 3 to 30 characters, stored upper case with blanks between groups made hyphens.
/// </summary>
public static partial class TsbNumber
{
    public const string Field = "number";
    public const int MaxLength = 30;

    [GeneratedRegex(@"^[A-Z0-9]+([-._][A-Z0-9]+)*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Form();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Blanks();

    public static string Parse(string? text)
    {
        var value = (text ?? "").Trim().ToUpperInvariant();
        if (value.Length == 0)
            throw new ValidationFailedException(Field, "A bulletin needs its number, such as TSB-2023-004.");
        if (value.Length > MaxLength)
            throw new ValidationFailedException(Field, $"A bulletin number has at most {MaxLength} characters.");
        value = Blanks().Replace(value, "-");
        if (value.Length < 3)
            throw new ValidationFailedException(Field, "A bulletin number has at least 3 characters, such as TSB-2023-004.");
        if (!Form().IsMatch(value))
            throw new ValidationFailedException(Field, "A bulletin number is letters and digits, in groups joined by '-', '.' or '_', such as TSB-2023-004.");
        return value;
    }
}

/// <summary>
/// NHTSA's own number for a manufacturer communication once it is filed (its item or reference number, such as
/// <c>MC-10176823</c> or <c>10176823</c>): optional, letters, digits and hyphens, at most 20 characters, upper case.
/// </summary>
public static partial class TsbNhtsaReference
{
    public const string Field = "nhtsaReference";
    public const int MaxLength = 20;

    [GeneratedRegex(@"^[A-Z0-9]+(-[A-Z0-9]+)*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Form();

    public static string? Parse(string? text)
    {
        var value = (text ?? "").Trim().ToUpperInvariant();
        if (value.Length == 0)
            return null;
        if (value.Length > MaxLength)
            throw new ValidationFailedException(Field, $"An NHTSA reference has at most {MaxLength} characters.");
        if (!Form().IsMatch(value))
            throw new ValidationFailedException(Field, "An NHTSA reference is letters and digits joined by hyphens, such as MC-10176823.");
        return value;
    }
}
