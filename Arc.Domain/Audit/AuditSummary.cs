using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Arc.Domain.Audit;

/// <summary>What kind of value a summary field holds, so a page can show numbers, flags and dates as such.</summary>
public enum AuditValueKind { Text, Number, Boolean, Date, Empty, Json }

public sealed record AuditField(string Key, string Value, AuditValueKind Kind);

/// <summary>
/// An audit event's summary as a person reads it: the fields of a flat JSON object, or else a pretty-printed JSON
/// block, or else the text itself. Older rows were written with every quote and angle bracket escaped
/// (<c>\u0022</c>); reading them through the JSON parser undoes that.
/// </summary>
public sealed partial record AuditSummary(IReadOnlyList<AuditField>? Fields, string? Block, bool IsJson)
{
    /// <summary>Nested values up to this length stay on one line in a field; longer ones are indented.</summary>
    public const int CompactLength = 80;

    public const string DateFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>
    /// How summaries are written: quotes and non-ASCII text stay as they are, since every reader (the page through
    /// Blazor, the CSV export) escapes for its own medium.
    /// </summary>
    public static JsonSerializerOptions WriteOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions Indented = new(WriteOptions) { WriteIndented = true };

    public static AuditSummary Read(string? summary)
    {
        var text = (summary ?? "").Trim();
        if (text.Length == 0)
            return new AuditSummary([], null, false);
        if (text[0] is '{' or '[' or '"')
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                    return new AuditSummary(root.EnumerateObject().Select(p => Field(p.Name, p.Value)).ToList(), null, true);
                return new AuditSummary(null, JsonSerializer.Serialize(root, Indented), true);
            }
            catch (JsonException)
            {
                // A summary cut at the length limit is no longer JSON; its escapes are still undone for reading.
                return new AuditSummary(null, Unescape(text), false);
            }
        }
        return new AuditSummary(null, text, false);
    }

    /// <summary>The summary on one line for a file (the CSV export): JSON unescaped, anything else as it is.</summary>
    public static string ReadableText(string? summary)
    {
        var text = summary ?? "";
        try
        {
            using var document = JsonDocument.Parse(text);
            return JsonSerializer.Serialize(document.RootElement, WriteOptions);
        }
        catch (JsonException)
        {
            return text.TrimStart().StartsWith('{') ? Unescape(text) : text;
        }
    }

    private static AuditField Field(string key, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String when AsDate(value.GetString()!) is { } date => new(key, date, AuditValueKind.Date),
        JsonValueKind.String when AsJson(value.GetString()!) is { } json => new(key, json, AuditValueKind.Json),
        JsonValueKind.String => new(key, value.GetString()!, AuditValueKind.Text),
        JsonValueKind.Number => new(key, value.GetRawText(), AuditValueKind.Number),
        JsonValueKind.True or JsonValueKind.False => new(key, value.GetRawText(), AuditValueKind.Boolean),
        JsonValueKind.Null => new(key, "", AuditValueKind.Empty),
        _ => new(key, Nested(value), AuditValueKind.Json),
    };

    /// <summary>Some summaries carry a JSON document as text (the signed token's payload); it reads better as JSON.</summary>
    private static string? AsJson(string text)
    {
        if (!text.StartsWith('{') && !text.StartsWith('['))
            return null;
        try
        {
            using var document = JsonDocument.Parse(text);
            return Nested(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Nested(JsonElement value)
    {
        var compact = JsonSerializer.Serialize(value, WriteOptions);
        return compact.Length <= CompactLength ? compact : JsonSerializer.Serialize(value, Indented);
    }

    /// <summary>ISO 8601 timestamps (how the serialiser writes a DateTimeOffset) are shown in UTC like the log's own column.</summary>
    private static string? AsDate(string text) =>
        IsoTimestamp().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture) + " UTC"
            : null;

    private static string Unescape(string text) =>
        UnicodeEscape().Replace(text, m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex IsoTimestamp();

    [GeneratedRegex(@"\\u([0-9A-Fa-f]{4})")]
    private static partial Regex UnicodeEscape();
}
