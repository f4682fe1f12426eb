using System.Globalization;
using System.Text;
using System.Text.Json;
using Arc.Domain.Common;

namespace Arc.Domain.Authorities;

/// <summary>
/// Writes a JSON document the way Python's <c>json.dumps(obj)</c> did in the old signer (spec/backend.md §4.3): keys
/// in the order given, <c>", "</c> and <c>": "</c> separators, every non-ASCII character as <c>\uXXXX</c> (lower-case
/// hex, surrogate pairs for characters beyond the BMP), floats in Python's shortest repr. Vehicles verify signatures
/// over exactly these bytes.
/// </summary>
public static class PythonJson
{
    public const int MaxInputBytes = 8 * 1024;
    public const int MaxDepth = 8;

    /// <summary>Parses a JSON object (refusing duplicate keys, which Python would silently merge) and writes it canonically.</summary>
    public static string Canonicalize(string json)
    {
        if (Encoding.UTF8.GetByteCount(json) > MaxInputBytes)
            throw new ValidationFailedException("token", $"A token holds at most {MaxInputBytes / 1024} KB of JSON.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException e)
        {
            throw new ValidationFailedException("token", $"The token is not valid JSON: {Shorten(e.Message)}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new ValidationFailedException("token", "A token is a JSON object, such as {\"vin\": \"...\"}.");
            var builder = new StringBuilder();
            Write(document.RootElement, builder);
            return builder.ToString();
        }
    }

    private static void Write(JsonElement element, StringBuilder output)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                output.Append('{');
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var first = true;
                foreach (var property in element.EnumerateObject())
                {
                    if (!seen.Add(property.Name))
                        throw new ValidationFailedException("token", $"The token names \"{Shorten(property.Name)}\" twice.");
                    if (!first)
                        output.Append(", ");
                    first = false;
                    WriteString(property.Name, output);
                    output.Append(": ");
                    Write(property.Value, output);
                }
                output.Append('}');
                break;
            case JsonValueKind.Array:
                output.Append('[');
                var firstItem = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!firstItem)
                        output.Append(", ");
                    firstItem = false;
                    Write(item, output);
                }
                output.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!, output);
                break;
            case JsonValueKind.Number:
                output.Append(Number(element.GetRawText()));
                break;
            case JsonValueKind.True:
                output.Append("true");
                break;
            case JsonValueKind.False:
                output.Append("false");
                break;
            default:
                output.Append("null");
                break;
        }
    }

    private static void WriteString(string value, StringBuilder output)
    {
        output.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                case '\t': output.Append("\\t"); break;
                case '\b': output.Append("\\b"); break;
                case '\f': output.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7e)
                        output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        output.Append(c);
                    break;
            }
        }
        output.Append('"');
    }

    /// <summary>An integer stays as written; a float becomes Python's repr of the nearest double.</summary>
    private static string Number(string raw)
    {
        if (!raw.Contains('.', StringComparison.Ordinal) && !raw.Contains('e', StringComparison.OrdinalIgnoreCase))
            return raw.TrimStart('+');
        var value = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(value))
            throw new ValidationFailedException("token", "A number in the token is too large.");
        return PythonRepr(value);
    }

    /// <summary>Python's float repr: shortest round-trip digits, fixed notation for exponents -4..15, else d.ddde±XX.</summary>
    public static string PythonRepr(double value)
    {
        if (value == 0)
            return double.IsNegative(value) ? "-0.0" : "0.0";
        var r = value.ToString("E16", CultureInfo.InvariantCulture);
        // Find the shortest digit string that round-trips.
        string digits = "";
        var exponent = 0;
        for (var precision = 1; precision <= 17; precision++)
        {
            var candidate = value.ToString("E" + (precision - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (double.Parse(candidate, CultureInfo.InvariantCulture) == value)
            {
                r = candidate;
                break;
            }
        }
        var negative = r.StartsWith('-');
        var body = negative ? r[1..] : r;
        var ePos = body.IndexOf('E', StringComparison.Ordinal);
        digits = body[..ePos].Replace(".", "", StringComparison.Ordinal).TrimEnd('0');
        if (digits.Length == 0)
            digits = "0";
        exponent = int.Parse(body[(ePos + 1)..], CultureInfo.InvariantCulture);

        string text;
        if (exponent is >= -4 and < 16)
        {
            if (exponent >= 0)
            {
                var whole = digits.Length > exponent + 1 ? digits[..(exponent + 1)] : digits.PadRight(exponent + 1, '0');
                var fraction = digits.Length > exponent + 1 ? digits[(exponent + 1)..] : "0";
                text = whole + "." + fraction;
            }
            else
            {
                text = "0." + new string('0', -exponent - 1) + digits;
            }
        }
        else
        {
            var mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            text = mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("D2", CultureInfo.InvariantCulture);
        }
        return negative ? "-" + text : text;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
