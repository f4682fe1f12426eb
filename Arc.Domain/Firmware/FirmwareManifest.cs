using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Arc.Domain.Common;

namespace Arc.Domain.Firmware;

/// <summary>One deployed component of a manifest, as its canonical component name.</summary>
public sealed record ManifestEntry(string Component, string Hash, string? Author, DateTimeOffset Committed, string? Message, string? FileName);

/// <summary>
/// A firmware release manifest: the output of the pipeline's <c>firmware_version_get_release_data</c>
/// (<c>{"firmware": {"Repository": {...}, "&lt;file&gt;": {hash, author, date, message, filename, name}}}</c>), checked
/// whole: every problem is listed, and a manifest with any problem records nothing.
/// </summary>
public static partial class FirmwareManifest
{
    public const int MaxBytes = 256 * 1024;
    public const int MaxEntries = 200;
    public const int MaxMessageLength = 2000;
    public const int MaxAuthorLength = 200;
    public const int MaxComponentLength = 50;
    public const string Field = "manifest";

    /// <param name="knownComponents">The components a release may name (the hosted ones and the repository commit).</param>
    public static IReadOnlyList<ManifestEntry> Parse(ReadOnlySpan<byte> content, IReadOnlySet<string> knownComponents)
    {
        if (content.Length == 0)
            throw new ValidationFailedException(Field, "The manifest file is empty.");
        if (content.Length > MaxBytes)
            throw new ValidationFailedException(Field, $"The manifest is {content.Length / 1024:N0} KB; a manifest holds at most {MaxBytes / 1024} KB.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, position {(e.BytePositionInLine ?? 0) + 1})" : "";
            throw new ValidationFailedException(Field, $"The manifest is not valid JSON{where}.");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("firmware", out var firmware)
                || firmware.ValueKind != JsonValueKind.Object)
                throw new ValidationFailedException(Field, "The manifest needs a \"firmware\" object with one entry per deployed file.");
            var problems = new List<string>();
            var entries = new List<ManifestEntry>();
            var count = 0;
            foreach (var property in firmware.EnumerateObject())
            {
                if (++count > MaxEntries)
                {
                    problems.Add($"The manifest lists more than {MaxEntries} files.");
                    break;
                }
                if (Entry(property, knownComponents, problems) is { } entry)
                {
                    if (entries.Any(e => e.Component == entry.Component))
                        problems.Add($"{Quote(property.Name)}: the component {Quote(entry.Component)} is listed twice.");
                    else
                        entries.Add(entry);
                }
            }
            if (problems.Count == 0 && !entries.Any(e => e.Component != FirmwareCatalogue.DeployedFirmware))
                problems.Add("The manifest lists no firmware component.");
            if (problems.Count > 0)
                throw new ValidationFailedException(Field, problems.Count == 1 ? problems[0] : $"The manifest has {problems.Count} problems.", problems);
            return entries;
        }
    }

    private static ManifestEntry? Entry(JsonProperty property, IReadOnlySet<string> known, List<string> problems)
    {
        var label = Quote(property.Name);
        if (property.Value.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{label}: each entry is an object with hash, author, date and message.");
            return null;
        }
        var value = property.Value;
        var name = Text(value, "name");
        var fileName = Text(value, "filename");
        var component = name ?? (property.Name == "Repository" ? FirmwareCatalogue.DeployedFirmware : FirmwareCatalogue.ComponentOfFile(fileName ?? property.Name));
        if (component == FirmwareCatalogue.ChargerFirmware)
            return null;
        var before = problems.Count;
        if (component is null)
            problems.Add($"{label}: no component name, and the file is not one the catalogue knows.");
        else if (component.Length > MaxComponentLength || PlainText.HasHiddenCharacters(component))
            problems.Add($"{label}: the component name is longer than {MaxComponentLength} characters or holds invisible characters.");
        else if (!known.Contains(FirmwareCatalogue.Canonical(component)))
            problems.Add($"{label}: {Quote(component)} is not a known firmware component.");
        var hash = Text(value, "hash");
        if (hash is null || !HashPattern().IsMatch(hash))
            problems.Add($"{label}: the hash must be 7 to 64 hexadecimal characters.");
        var date = Text(value, "date");
        if (date is null || !DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var committed))
        {
            problems.Add($"{label}: the date must be a date and time such as 2021-10-07T17:23:11+00:00.");
            committed = default;
        }
        var author = Text(value, "author");
        if (author is not null && (author.Length > MaxAuthorLength || PlainText.HasHiddenCharacters(author)))
            problems.Add($"{label}: the author is longer than {MaxAuthorLength} characters or holds invisible characters.");
        var message = Text(value, "message");
        if (message is not null && (message.Length > MaxMessageLength || PlainText.HasHiddenCharacters(message.Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' '))))
            problems.Add($"{label}: the message is longer than {MaxMessageLength} characters or holds invisible characters.");
        foreach (var field in new[] { "name", "filename", "hash", "date", "author", "message" })
            if (value.TryGetProperty(field, out var raw) && raw.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                problems.Add($"{label}: \"{field}\" must be text.");
        if (problems.Count > before)
            return null;
        return new ManifestEntry(FirmwareCatalogue.Canonical(component!), hash!.ToLowerInvariant(), author, committed.ToUniversalTime(), message?.Trim(), fileName);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    /// <summary>A name from the file, quoted and cut short so that a hostile one cannot flood the page.</summary>
    private static string Quote(string text)
    {
        var clipped = text.Length > 60 ? text[..60] + "…" : text;
        var builder = new StringBuilder(clipped.Length + 2).Append('"');
        foreach (var c in clipped)
            builder.Append(char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format ? '\uFFFD' : c);
        return builder.Append('"').ToString();
    }

    [GeneratedRegex("^[0-9a-fA-F]{7,64}$")]
    private static partial Regex HashPattern();
}
