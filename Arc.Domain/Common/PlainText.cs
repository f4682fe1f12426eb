using System.Globalization;
using System.Text;

namespace Arc.Domain.Common;

/// <summary>
/// Rules for text that people type and other people read (names, descriptions, labels): it may not hide characters
/// that are not seen or that change how the text around them reads, such as a right-to-left override that makes
/// "Admin\u202Egpj.exe" read "Adminexe.jpg".
/// </summary>
public static class PlainText
{
    /// <summary>
    /// True when the text holds a control character, a bidirectional embedding, override, isolate or mark, a zero-width
    /// space or byte-order mark, a line or paragraph separator, or half of a surrogate pair. The zero-width joiner and
    /// non-joiner stay allowed: several scripts and emoji sequences need them.
    /// </summary>
    public static bool HasHiddenCharacters(string text)
    {
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != System.Buffers.OperationStatus.Done)
                return true;
            if (IsHidden(rune))
                return true;
            rest = rest[used..];
        }
        return false;
    }

    private static bool IsHidden(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => true,
        UnicodeCategory.Format => rune.Value is not (0x200C or 0x200D),
        _ => false,
    };
}
