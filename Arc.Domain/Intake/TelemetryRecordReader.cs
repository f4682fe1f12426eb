using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Arc.Domain.Common;
using Arc.Domain.Telemetry;

namespace Arc.Domain.Intake;

/// <summary>A telemetry record as read from the wire, before its VIN is checked: the §6.3 transform of each data item.</summary>
public sealed record TelemetryRecord(string? Vin, bool EnvPrefix, IReadOnlyList<(DateTimeOffset Time, IReadOnlyDictionary<string, double> Fields)> Items);

/// <summary>
/// Reads the old record (<c>{vin, data: [{&lt;point&gt;: value, ..., timestamp}], env_prefix?}</c>) in one pass over its
/// bytes, with the rules of <see cref="IngestTransform"/>: the timestamp is a date string, <c>gps_position</c> "lat,lon"
/// splits in two, booleans become 0 and 1, nulls and texts are dropped, a point name must be one. It builds no
/// document on the way, which is what lets the intake keep up with InfluxDB.
/// </summary>
public static class TelemetryRecordReader
{
    private const int MaxKnownNames = 10_000;
    private static readonly ConcurrentDictionary<string, byte> CheckedNames = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, byte>.AlternateLookup<ReadOnlySpan<char>> KnownNames =
        CheckedNames.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <exception cref="JsonException">The body is not JSON (or nests too deep).</exception>
    /// <exception cref="ValidationFailedException">The record breaks a rule of the transform.</exception>
    public static TelemetryRecord Read(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 32 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new ValidationFailedException("record", "The message is not a JSON object.");
        string? vin = null;
        var envPrefix = false;
        List<(DateTimeOffset, IReadOnlyDictionary<string, double>)>? items = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("vin"u8))
            {
                reader.Read();
                vin = reader.TokenType == JsonTokenType.String ? reader.GetString() : Skip(ref reader);
            }
            else if (reader.ValueTextEquals("env_prefix"u8))
            {
                reader.Read();
                envPrefix = reader.TokenType == JsonTokenType.True;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                    throw new ValidationFailedException("data", "A telemetry record needs a data list.");
                items = ReadItems(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (string.IsNullOrWhiteSpace(vin))
            vin = null;
        if (items is null && vin is not null)
            throw new ValidationFailedException("data", "A telemetry record needs a data list.");
        return new TelemetryRecord(vin, envPrefix, items ?? []);
    }

    private static string? Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    private static List<(DateTimeOffset, IReadOnlyDictionary<string, double>)> ReadItems(ref Utf8JsonReader reader)
    {
        var items = new List<(DateTimeOffset, IReadOnlyDictionary<string, double>)>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }
            DateTimeOffset? time = null;
            var fields = new Dictionary<string, double>(16, StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("timestamp"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && TryReadUtc(reader.ValueSpan, out var utc))
                        time = utc;
                    else if (reader.TokenType == JsonTokenType.String
                        && DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                        time = at.ToUniversalTime();
                    reader.Skip();
                    continue;
                }
                if (reader.ValueTextEquals("vin"u8))
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }
                var isGps = reader.ValueTextEquals("gps_position"u8);
                var name = isGps ? "" : Name(ref reader);
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                    continue;
                if (isGps)
                {
                    if (reader.TokenType != JsonTokenType.String)
                        throw new ValidationFailedException("gps_position", "A value in the data list has the wrong type: gps_position is a \"lat,lon\" text.");
                    AddPosition(reader.GetString()!, fields);
                    continue;
                }
                switch (reader.TokenType)
                {
                    case JsonTokenType.True:
                        fields[name] = 1;
                        break;
                    case JsonTokenType.False:
                        fields[name] = 0;
                        break;
                    case JsonTokenType.Number when reader.TryGetDouble(out var number) && double.IsFinite(number):
                        fields[name] = number;
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
            if (time is null)
                throw new ValidationFailedException("timestamp", $"Every data item needs a timestamp, {BackfillFile.TimestampHelp}.");
            if (fields.Count > 0)
                items.Add((time.Value, fields));
        }
        return items;
    }

    /// <summary>
    /// The form vehicles send (<c>2026-11-30 14:05:00.250</c>, or with a T or a Z), read without the general parser,
    /// which costs more than the rest of the record. Anything else (an offset, another layout) goes to the general parser.
    /// </summary>
    private static bool TryReadUtc(ReadOnlySpan<byte> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':'
            || !Digits(s[..4], out var year) || !Digits(s[5..7], out var month) || !Digits(s[8..10], out var day)
            || !Digits(s[11..13], out var hour) || !Digits(s[14..16], out var minute) || !Digits(s[17..19], out var second))
            return false;
        var i = 19;
        long fraction = 0;
        if (i < s.Length && s[i] == '.')
        {
            var digits = 0;
            for (i++; i < s.Length && s[i] is >= (byte)'0' and <= (byte)'9'; i++)
                if (digits++ < 7)
                    fraction = fraction * 10 + (s[i] - '0');
            if (digits == 0)
                return false;
            for (; digits < 7; digits++)
                fraction *= 10;
        }
        if (i < s.Length && s[i] == 'Z')
            i++;
        if (i != s.Length || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        value = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(fraction), TimeSpan.Zero);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (c is < (byte)'0' or > (byte)'9')
                return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    private static void AddPosition(string text, Dictionary<string, double> fields)
    {
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        if (comma > 0 && text.IndexOf(',', comma + 1) < 0
            && double.TryParse(text.AsSpan(0, comma), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            && double.TryParse(text.AsSpan(comma + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
        {
            fields["gps_latitude"] = lat;
            fields["gps_longitude"] = lon;
        }
    }

    /// <summary>
    /// The point name the reader is on, checked. A name is checked once and then shared: the same few hundred arrive
    /// millions of times, and looking one up by its bytes spares a string per value. The memory is bounded against a
    /// sender of endless names.
    /// </summary>
    private static string Name(ref Utf8JsonReader reader)
    {
        var bytes = reader.ValueSpan;
        if (!reader.ValueIsEscaped && bytes.Length <= 64)
        {
            Span<char> chars = stackalloc char[64];
            var length = 0;
            foreach (var b in bytes)
            {
                if (b >= 0x80)
                    break;
                chars[length++] = (char)b;
            }
            if (length == bytes.Length && KnownNames.TryGetValue(chars[..length], out var known, out _))
                return known;
        }
        var name = reader.GetString()!;
        TelemetryPoint.Parse(name);
        if (CheckedNames.Count < MaxKnownNames)
            CheckedNames.TryAdd(name, 0);
        return name;
    }
}
