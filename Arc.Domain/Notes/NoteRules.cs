using System.Text.RegularExpressions;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Notes;

/// <summary>The rules of a note's text and tags, and of who may delete which note.</summary>
public static partial class NoteRules
{
    public const int MaxTagLength = 30;
    public const int MaxSearchLength = 200;

    /// <summary>
    /// The note's text, trimmed, with line breaks made "\n". It may hold line breaks and tabs but no other control
    /// or hidden characters (a right-to-left override would make the note read differently from what it says).
    /// </summary>
    public static string Content(string? text)
    {
        var content = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
        if (content.Length == 0)
            throw new ValidationFailedException("content", "A note needs some text.");
        if (content.Length > Note.MaxContentLength)
            throw new ValidationFailedException("content", $"A note holds at most {Note.MaxContentLength} characters; this one has {content.Length}.");
        if (content.Split('\n', '\t').Any(PlainText.HasHiddenCharacters))
            throw new ValidationFailedException("content", "A note may not hold control or hidden characters (line breaks and tabs are fine).");
        return content;
    }

    /// <summary>One tag as stored: trimmed, lower case, without a leading '#'.</summary>
    public static string NormalizeTag(string? tag) => (tag ?? "").Trim().TrimStart('#').Trim().ToLowerInvariant();

    /// <summary>The tags as stored: normalised, without blanks or duplicates, in the order given; refused when any breaks the rules.</summary>
    public static List<string> Tags(IEnumerable<string?>? tags)
    {
        var names = (tags ?? []).Select(NormalizeTag).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count > Note.MaxTags)
            throw new ValidationFailedException("tags", $"A note has at most {Note.MaxTags} tags; this one has {names.Count}.");
        foreach (var name in names)
        {
            if (name.Length > MaxTagLength || !TagPattern().IsMatch(name))
                throw new ValidationFailedException("tags", $"Tags are short words of letters, digits, '-' or '_' (at most {MaxTagLength}).");
        }
        return names;
    }

    /// <summary>Splits what a person typed into the tags box ("service, #Parts").</summary>
    public static List<string> SplitTags(string? text) =>
        (text ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>
    /// Nobody deletes a system note. A person's note may be deleted by its author, or by anyone holding
    /// <c>notes.note.delete</c>.
    /// </summary>
    public static bool CanDelete(Note note, string username, IReadOnlySet<string> permissions) =>
        CanDelete(note.System, note.Author, username, permissions);

    public static bool CanDelete(bool system, string author, string username, IReadOnlySet<string> permissions) =>
        !system && (author == username || permissions.Contains(Perm.NoteDelete));

    /// <summary>Why <see cref="CanDelete(Note, string, IReadOnlySet{string})"/> said no, in words for the person asking.</summary>
    public static string WhyNotDeletable(Note note) => note.System
        ? "System notes are the record of a change and cannot be deleted."
        : "Only the note's author, or someone with the permission to delete notes, may delete it.";

    /// <summary>The text searched for, trimmed; refused when longer than <see cref="MaxSearchLength"/>.</summary>
    public static string? Search(string? text)
    {
        var term = text?.Trim();
        if (string.IsNullOrEmpty(term))
            return null;
        if (term.Length > MaxSearchLength)
            throw new ValidationFailedException("search", $"Search for at most {MaxSearchLength} characters.");
        return term.ToLowerInvariant();
    }

    [GeneratedRegex("^[a-z0-9_-]+$")]
    private static partial Regex TagPattern();
}
