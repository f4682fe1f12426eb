namespace Arc.Domain.Common;

/// <summary>
/// The portal's rule for an email address: a plain <c>local@domain.tld</c> of at most 254 characters, without a
/// display name, spaces or control characters (stricter than RFC 5322 and looser than the old regex, which refused
/// one-letter top-level labels and accepted a trailing dot). Only ASCII, as the mail service and the user directory
/// take it: SES sends to 7-bit local parts only and wants an international domain in its punycode (<c>xn--</c>) form.
/// </summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    public static bool IsValid(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || text.Any(c => c is <= ' ' or > '~'))
            return false;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at < 1 || at != text.LastIndexOf('@') || at > 64)
            return false;
        var local = text[..at];
        var domain = text[(at + 1)..];
        if (local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal) || local.Any(c => "<>()[]\\,;:\"".Contains(c, StringComparison.Ordinal)))
            return false;
        var labels = domain.Split('.');
        return labels.Length >= 2 && !labels[^1].All(char.IsAsciiDigit)
            && labels.All(l => l.Length is > 0 and <= 63 && !l.StartsWith('-') && !l.EndsWith('-') && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
    }
}
