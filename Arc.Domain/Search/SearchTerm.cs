using System.Globalization;
using Arc.Domain.Common;

namespace Arc.Domain.Search;

/// <summary>
/// What a person typed in the search box, trimmed and checked once for every kind of result. Kinds match it literally
/// (a <c>%</c> or <c>_</c> is that character, never a wildcard), each in the form its column is stored in.
/// </summary>
public sealed record SearchTerm
{
    public const int MinLength = 2;
    public const int MaxLength = 100;

    private SearchTerm(string text) => Text = text;

    /// <summary>The trimmed text as typed.</summary>
    public string Text { get; }

    /// <summary>The text for columns compared without case (names, emails, descriptions).</summary>
    public string Lower => Text.ToLowerInvariant();

    /// <summary>
    /// The term, or null when it is too short to be worth a query. Text that is too long or holds control or invisible
    /// formatting characters (a bidirectional override, a zero-width space) is refused: it can match nothing a person
    /// means, and it has no place in a query.
    /// </summary>
    public static SearchTerm? Parse(string? input)
    {
        var text = (input ?? "").Trim();
        if (text.Length > MaxLength)
            throw new ValidationFailedException("query", $"A search has at most {MaxLength} characters.");
        if (text.Any(IsHidden))
            throw new ValidationFailedException("query", "A search cannot contain control or invisible characters.");
        return text.Length < MinLength ? null : new SearchTerm(text);
    }

    private static bool IsHidden(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
