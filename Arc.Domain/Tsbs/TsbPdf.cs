using System.Text;
using Arc.Domain.Common;

namespace Arc.Domain.Tsbs;

/// <summary>
/// What a bulletin's attachment must be: a PDF (its first bytes are <c>%PDF-</c>, whatever its name or the browser
/// says), not empty, at most <see cref="MaxBytes"/>; its name is kept only as a safe display and download name.
/// </summary>
public static class TsbPdf
{
    public const string Field = "file";
    public const long MaxBytes = 20 * 1024 * 1024;
    public const int MaxNameLength = 100;
    public const int MaxAttachments = 20;
    private static readonly byte[] Magic = "%PDF-"u8.ToArray();

    public static void Check(string? fileName, byte[] content)
    {
        var name = Shorten(fileName);
        if (content.Length == 0)
            throw new ValidationFailedException(Field, $"{name} is empty.");
        if (content.LongLength > MaxBytes)
            throw new ValidationFailedException(Field, $"{name} is larger than {MaxBytes / 1024 / 1024} MB; bulletins are attached as PDF files up to that size.");
        if (!content.AsSpan().StartsWith(Magic))
            throw new ValidationFailedException(Field, $"{name} is not a PDF file; attach bulletins as PDF.");
    }

    /// <summary>
    /// The file name as it is shown and offered on download: no folders, no control or hidden characters, only letters,
    /// digits, blanks and <c>.-_()</c> (others become '_'), at most <see cref="MaxNameLength"/> characters, ending .pdf.
    /// </summary>
    public static string SafeName(string? fileName)
    {
        var name = (fileName ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..].Trim();
        var text = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            var c = rune.IsBmp ? (char)rune.Value : '_';
            text.Append(char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or '-' or '_' or '(' or ')' ? c : '_');
        }
        var stem = text.ToString().Trim(' ', '.');
        if (stem.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
            stem = stem[..^4].TrimEnd(' ', '.');
        if (stem.Length == 0)
            stem = "bulletin";
        if (stem.Length > MaxNameLength - 4)
            stem = stem[..(MaxNameLength - 4)].TrimEnd(' ', '.');
        return stem + ".pdf";
    }

    private static string Shorten(string? fileName)
    {
        var name = SafeName(fileName);
        return name.Length > 40 ? name[..40] + "…" : name;
    }
}
