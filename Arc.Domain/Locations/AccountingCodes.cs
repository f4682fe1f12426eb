using Arc.Domain.Common;

namespace Arc.Domain.Locations;

/// <summary>The rule both kinds of accounting code share: short, printable, no spaces inside, compared without case.</summary>
public static class AccountingCodes
{
    public static string Check(string? code, int maxLength, string what)
    {
        var value = (code ?? "").Trim();
        if (value.Length == 0)
            throw new ValidationFailedException("code", $"Give the {what}.");
        if (value.Length > maxLength)
            throw new ValidationFailedException("code", $"A {what} has at most {maxLength} characters; '{Shorten(value)}' has {value.Length}.");
        if (!value.All(c => c is >= '!' and <= '~'))
            throw new ValidationFailedException("code", $"A {what} is made of letters, digits and punctuation, without spaces.");
        return value;
    }

    // Echoes an over-long code back without echoing an oversized one.
    private static string Shorten(string value) => value.Length <= 20 ? value : value[..20] + "…";
}
