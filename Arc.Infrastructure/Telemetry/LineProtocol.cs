using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Arc.Domain.Telemetry;

namespace Arc.Infrastructure.Telemetry;

/// <summary>
/// Samples as InfluxDB line protocol (<c>telemetry,vin=&lt;vin&gt; name=value,... &lt;ms&gt;</c>), written straight
/// into UTF-8. The intake encodes a batch of 5,000 lines while the previous one is on its way to InfluxDB, so this is
/// on the portal's side of the throughput: names and VINs are turned into bytes once and reused.
/// </summary>
public static class LineProtocol
{
    // A field name is checked (TelemetryPoint) once, then kept with its bytes: the same few hundred arrive millions of
    // times. Past the limit, against a sender of endless names, names are checked and encoded every time.
    private const int MaxKnownNames = 10_000;
    private static readonly ConcurrentDictionary<string, byte[]> Names = new(StringComparer.Ordinal);
    private static readonly byte[] Prefix = Encoding.UTF8.GetBytes(InfluxTelemetryStore.Measurement + ",vin=");

    /// <exception cref="Domain.Common.ValidationFailedException">A field name is not a point name.</exception>
    public static ReadOnlyMemory<byte> Encode(IReadOnlyList<TelemetrySample> samples)
    {
        var lines = new ArrayBufferWriter<byte>(Math.Max(256, samples.Count * 160));
        string? vin = null;
        byte[] tag = [];
        foreach (var sample in samples)
        {
            // A batch holds a vehicle's samples together, so the VIN's bytes are made once per run of them.
            if (!string.Equals(vin, sample.Vin, StringComparison.Ordinal))
                (vin, tag) = (sample.Vin, Encoding.UTF8.GetBytes(EscapeTag(sample.Vin)));
            Append(lines, Prefix);
            Append(lines, tag);
            var separator = (byte)' ';
            foreach (var (name, value) in sample.Fields)
            {
                lines.GetSpan(1)[0] = separator;
                lines.Advance(1);
                Append(lines, NameBytes(name));
                lines.GetSpan(1)[0] = (byte)'=';
                lines.Advance(1);
                value.TryFormat(lines.GetSpan(32), out var written, "R", CultureInfo.InvariantCulture);
                lines.Advance(written);
                separator = (byte)',';
            }
            var tail = lines.GetSpan(24);
            tail[0] = (byte)' ';
            Utf8Formatter.TryFormat(sample.Time.ToUnixTimeMilliseconds(), tail[1..], out var length);
            tail[1 + length] = (byte)'\n';
            lines.Advance(length + 2);
        }
        return lines.WrittenMemory;
    }

    private static byte[] NameBytes(string name)
    {
        if (Names.TryGetValue(name, out var bytes))
            return bytes;
        bytes = Encoding.UTF8.GetBytes(TelemetryPoint.Parse(name).Name);
        if (Names.Count < MaxKnownNames)
            Names.TryAdd(name, bytes);
        return bytes;
    }

    private static void Append(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(buffer.GetSpan(bytes.Length));
        buffer.Advance(bytes.Length);
    }

    /// <summary>Line protocol tag values escape commas, equals signs and spaces.</summary>
    public static string EscapeTag(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("=", "\\=", StringComparison.Ordinal).Replace(" ", "\\ ", StringComparison.Ordinal);
}
