using System.Text.RegularExpressions;
using Arc.Domain.Common;

namespace Arc.Domain.Users;

/// <summary>Checks for the fields of a user's profile (spec/portal.md §5.2), with the messages the forms show.</summary>
public static partial class UserRules
{
    public const int MaxNameLength = 100;

    public static string Name(string? name)
    {
        var value = (name ?? "").Trim();
        if (value.Length == 0)
            throw new ValidationFailedException("displayName", "Name is required.");
        if (value.Length > MaxNameLength || PlainText.HasHiddenCharacters(value))
            throw new ValidationFailedException("displayName",
                $"A name has at most {MaxNameLength} characters and no control characters or invisible formatting (such as a right-to-left override).");
        return value;
    }

    public static string Email(string? email)
    {
        var value = (email ?? "").Trim().ToLowerInvariant();
        if (value.Length == 0)
            throw new ValidationFailedException("email", "Email is required.");
        if (!EmailAddress.IsValid(value))
            throw new ValidationFailedException("email", "Invalid email format.");
        return value;
    }

    /// <summary>Optional; E.164 (<c>+</c>, country code, number; spaces, dashes and brackets are dropped).</summary>
    public static string? Phone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
            return null;
        var value = Separators().Replace(phone.Trim(), "");
        if (!E164().IsMatch(value))
            throw new ValidationFailedException("phone", "Invalid phone number: use the international form, such as +15415550123.");
        return value;
    }

    public static string Mfa(string? mfa) => MfaPreference.All.Contains(mfa ?? "")
        ? mfa!
        : throw new ValidationFailedException("mfa", $"MFA must be one of {string.Join(", ", MfaPreference.All)}.");

    [GeneratedRegex(@"[\s\-().]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$")]
    private static partial Regex E164();
}
