using System.Globalization;
using Arc.Domain.Common;

namespace Arc.Portal.Api;

/// <summary>
/// Reads query parameters as text and refuses a malformed one with a problem naming it, rather than letting model
/// binding fail before the endpoint (which would answer without the field's name).
/// </summary>
public static class ApiQuery
{
    public static int? Number(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value : throw new ValidationFailedException(name, $"{name} must be a whole number.");
    }

    public static bool Bool(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
            return false;
        return bool.TryParse(text, out var value) ? value : throw new ValidationFailedException(name, $"{name} must be true or false.");
    }

    public static TEnum Enum<TEnum>(string? text, string name, TEnum fallback) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
            return fallback;
        return System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !char.IsAsciiDigit(text.Trim()[0])
            ? value
            : throw new ValidationFailedException(name, $"{name} must be one of: {string.Join(", ", System.Enum.GetNames<TEnum>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}.");
    }
}
