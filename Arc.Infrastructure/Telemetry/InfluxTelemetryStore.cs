using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Arc.Domain.Common;
using Arc.Domain.Telemetry;
using Microsoft.Extensions.Options;

namespace Arc.Infrastructure.Telemetry;

/// <summary>
/// Telemetry on InfluxDB's v1 HTTP API (spec/backend.md §6.4): line protocol to /write into measurement
/// <c>telemetry</c> with tag <c>vin</c> in the raw retention policy, and InfluxQL to /query with the VIN passed as a
/// bound parameter; point names are checked identifiers, so no user text becomes InfluxQL. A store that cannot be
/// reached or refuses a request is a <see cref="ServiceUnavailableException"/> (points refused as invalid on a write, a
/// <see cref="ValidationFailedException"/>); what InfluxDB said is inside, for the log.
/// </summary>
public sealed partial class InfluxTelemetryStore(IHttpClientFactory clients, IOptions<TelemetryOptions> options) : ITelemetryStore
{
    public const string Measurement = "telemetry";
    public const string RawPolicy = "30d";
    public const string DownsampledPolicy = "365d";
    /// <summary>The aggregations the continuous queries keep per point: <c>mean_p</c>, <c>last_p</c>, <c>max_p</c>.</summary>
    public static readonly IReadOnlyList<string> Aggregations = ["mean", "last", "max"];

    internal const string Unreachable = "The telemetry store cannot be reached right now; try again later.";
    internal const string Refused = "The telemetry store could not carry out the request.";

    private HttpClient Http => clients.CreateClient(InfrastructureServiceCollectionExtensions.TelemetryClient);

    public Task WriteAsync(IReadOnlyList<TelemetrySample> samples, CancellationToken ct = default) => WriteAsync(Prepare(samples), ct);

    public TelemetryWrite Prepare(IReadOnlyList<TelemetrySample> samples) => new(samples, LineProtocol.Encode(samples));

    public async Task WriteAsync(TelemetryWrite write, CancellationToken ct = default)
    {
        if (write.Samples.Count == 0)
            return;
        var lines = write.Encoded.IsEmpty ? LineProtocol.Encode(write.Samples) : write.Encoded;
        var database = Uri.EscapeDataString(options.Value.Database);
        using var content = new ReadOnlyMemoryContent(lines);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        HttpResponseMessage response;
        try
        {
            response = await Http.PostAsync($"write?db={database}&rp={RawPolicy}&precision=ms", content, ct);
        }
        catch (Exception e) when (IsTransportFailure(e, ct))
        {
            throw new ServiceUnavailableException(Unreachable, e);
        }
        using (response)
        {
            if (response.IsSuccessStatusCode)
                return;
            var detail = new InvalidOperationException($"InfluxDB refused the write ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(ct)}");
            // 400 is InfluxDB refusing these points (a type clash with stored ones, say); anything else is the store failing.
            throw response.StatusCode == HttpStatusCode.BadRequest
                ? new ValidationFailedException("samples", "The telemetry store refused the data as invalid.", detail)
                : new ServiceUnavailableException("The telemetry store did not accept the data.", detail);
        }
    }

    public async Task<IReadOnlyDictionary<string, LatestValue>> LatestAsync(string vin, IReadOnlyList<TelemetryPoint> points, CancellationToken ct = default)
    {
        var result = new Dictionary<string, LatestValue>(StringComparer.Ordinal);
        foreach (var point in points)
        {
            // One query per point keeps each value with its own time, as the old latest-value lookup did.
            var query = $"SELECT last(\"{point.Name}\") FROM \"{RawPolicy}\".\"{Measurement}\" WHERE \"vin\" = $vin";
            using var document = await QueryAsync(query, new Dictionary<string, string> { ["vin"] = vin }, ct);
            var row = Rows(document.RootElement.GetProperty("results")[0]).Select(r => r.Values).FirstOrDefault();
            if (row.ValueKind == JsonValueKind.Array && row[1].ValueKind == JsonValueKind.Number)
                result[point.Name] = new LatestValue(row[1].GetDouble(), DateTimeOffset.FromUnixTimeMilliseconds(row[0].GetInt64()));
        }
        return result;
    }

    public async Task<long> VinCountAsync(CancellationToken ct = default)
    {
        using var document = await QueryAsync("SHOW TAG VALUES EXACT CARDINALITY WITH KEY = \"vin\"", new Dictionary<string, string>(), ct);
        var row = Rows(document.RootElement.GetProperty("results")[0]).Select(r => r.Values).FirstOrDefault();
        return row.ValueKind == JsonValueKind.Array && row[0].ValueKind == JsonValueKind.Number ? row[0].GetInt64() : 0;
    }

    public async Task<TelemetrySeries> SeriesAsync(string vin, TelemetryPoint point, TelemetryRange range, CancellationToken ct = default)
    {
        var bucket = range.Bucket;
        var (source, field) = range.Downsampled ? (DownsampledPolicy, $"mean_{point.Name}") : (RawPolicy, point.Name);
        var query = $"SELECT mean(\"{field}\") FROM \"{source}\".\"{Measurement}\" WHERE \"vin\" = $vin AND {TimeFilter(range.From, range.To)} " +
                    $"GROUP BY time({(long)bucket.TotalSeconds}s) fill(none)";
        using var document = await QueryAsync(query, new Dictionary<string, string> { ["vin"] = vin }, ct);
        var points = new List<SeriesPoint>();
        foreach (var row in Rows(document.RootElement.GetProperty("results")[0]))
        {
            if (row.Values[1].ValueKind == JsonValueKind.Number)
                points.Add(new SeriesPoint(DateTimeOffset.FromUnixTimeMilliseconds(row.Values[0].GetInt64()), row.Values[1].GetDouble()));
        }
        return new TelemetrySeries(point.Name, points, bucket, source);
    }

    public async Task<IReadOnlyDictionary<string, double>> LatestOdometersAsync(IReadOnlyList<string> vins, CancellationToken ct = default)
    {
        var odometers = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var pattern in VinPatterns.Split(vins.Distinct(StringComparer.Ordinal)))
        {
            var parameters = new Dictionary<string, object> { ["vins"] = new { regex = pattern } };
            // The down-sampled series first, so that a raw value, where there is one, takes its place.
            var statements = $"SELECT last(\"last_odometer\") FROM \"{DownsampledPolicy}\".\"{Measurement}\" WHERE \"vin\" =~ $vins GROUP BY \"vin\"; " +
                             $"SELECT last(\"odometer\") FROM \"{RawPolicy}\".\"{Measurement}\" WHERE \"vin\" =~ $vins GROUP BY \"vin\"";
            using var document = await QueryAsync(statements, parameters, ct);
            foreach (var result in document.RootElement.GetProperty("results").EnumerateArray())
            {
                foreach (var row in Rows(result))
                {
                    if (row.Vin is not null && row.Values[1].ValueKind == JsonValueKind.Number)
                        odometers[row.Vin] = row.Values[1].GetDouble();
                }
            }
        }
        return odometers;
    }

    public async Task DownsampleAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        // Whole 30-minute buckets, so a re-run writes the same points again rather than partial ones.
        var bucket = (long)TelemetryRange.DownsampleBucket.TotalMilliseconds;
        var start = DateTimeOffset.FromUnixTimeMilliseconds(from.ToUnixTimeMilliseconds() / bucket * bucket);
        var end = DateTimeOffset.FromUnixTimeMilliseconds((to.ToUnixTimeMilliseconds() + bucket - 1) / bucket * bucket);
        var statements = Aggregations.Select(a =>
            $"SELECT {a}(*) INTO \"{DownsampledPolicy}\".\"{Measurement}\" FROM \"{RawPolicy}\".\"{Measurement}\" " +
            $"WHERE time >= {start.ToUnixTimeMilliseconds()}ms AND time < {end.ToUnixTimeMilliseconds()}ms GROUP BY time(30m), *");
        (await QueryAsync(string.Join("; ", statements), new Dictionary<string, string>(), ct)).Dispose();
    }

    public async IAsyncEnumerable<(DateTimeOffset Time, double?[] Values)> RawRowsAsync(string vin, IReadOnlyList<TelemetryPoint> points, DateTimeOffset from,
        DateTimeOffset to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var fields = string.Join(", ", points.Select(p => $"\"{p.Name}\""));
        for (var start = from; start < to; start = start.AddDays(1))
        {
            var end = start.AddDays(1) < to ? start.AddDays(1) : to;
            // Each day up to, not including, the next; the last one up to and including the end of the range.
            var query = $"SELECT {fields} FROM \"{RawPolicy}\".\"{Measurement}\" WHERE \"vin\" = $vin AND time >= {start.ToUnixTimeMilliseconds()}ms " +
                        $"AND time {(end == to ? "<=" : "<")} {end.ToUnixTimeMilliseconds()}ms";
            using var document = await QueryAsync(query, new Dictionary<string, string> { ["vin"] = vin }, ct);
            foreach (var row in Rows(document.RootElement.GetProperty("results")[0]))
            {
                var values = new double?[points.Count];
                for (var i = 0; i < points.Count; i++)
                    values[i] = row.Values[i + 1].ValueKind == JsonValueKind.Number ? row.Values[i + 1].GetDouble() : null;
                if (values.Any(v => v is not null))
                    yield return (DateTimeOffset.FromUnixTimeMilliseconds(row.Values[0].GetInt64()), values);
            }
        }
    }

    private static string TimeFilter(DateTimeOffset from, DateTimeOffset to) =>
        $"time >= {from.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}ms AND time <= {to.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}ms";

    /// <summary>
    /// A regular expression (RE2, as InfluxDB reads it) that matches exactly one of the values: letters and digits as
    /// they are, ASCII punctuation escaped, anything else as a code point, so no value can widen the match.
    /// </summary>
    public static string ExactAlternatives(IEnumerable<string> values)
    {
        var pattern = new StringBuilder("^(?:");
        var first = true;
        foreach (var value in values)
        {
            if (!first)
                pattern.Append('|');
            first = false;
            foreach (var rune in value.EnumerateRunes())
            {
                if (rune.IsAscii && char.IsAsciiLetterOrDigit((char)rune.Value))
                    pattern.Append((char)rune.Value);
                else if (rune.IsAscii && char.IsPunctuation((char)rune.Value) || rune.IsAscii && char.IsSymbol((char)rune.Value))
                    pattern.Append('\\').Append((char)rune.Value);
                else
                    pattern.Append(CultureInfo.InvariantCulture, $"\\x{{{rune.Value:X}}}");
            }
        }
        return pattern.Append(")$").ToString();
    }

    private async Task<JsonDocument> QueryAsync<TValue>(string query, Dictionary<string, TValue> parameters, CancellationToken ct)
    {
        using var content = new FormUrlEncodedContent(
        [
            new("db", options.Value.Database),
            new("q", query),
            new("epoch", "ms"),
            new("params", JsonSerializer.Serialize(parameters)),
        ]);
        using var request = new HttpRequestMessage(HttpMethod.Post, "query") { Content = content };
        QueryMeter.Telemetry();
        JsonDocument document;
        HttpStatusCode status;
        try
        {
            using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            status = response.StatusCode;
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            document = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
        }
        catch (Exception e) when (IsTransportFailure(e, ct))
        {
            throw new ServiceUnavailableException(Unreachable, e);
        }
        catch (JsonException e)
        {
            throw new ServiceUnavailableException(Refused, e);
        }
        if (document.RootElement.TryGetProperty("results", out var results))
        {
            foreach (var result in results.EnumerateArray())
            {
                if (result.TryGetProperty("error", out var error))
                {
                    var said = error.GetString();
                    document.Dispose();
                    throw new ServiceUnavailableException(Refused, new InvalidOperationException($"InfluxDB: {said}"));
                }
            }
        }
        if ((int)status >= 400 || results.ValueKind != JsonValueKind.Array)
        {
            var text = document.RootElement.GetRawText();
            document.Dispose();
            throw new ServiceUnavailableException(Refused, new InvalidOperationException($"InfluxDB answered {(int)status}: {text}"));
        }
        return document;
    }

    internal static bool IsTransportFailure(Exception e, CancellationToken ct) =>
        e is HttpRequestException or IOException || (e is TaskCanceledException && !ct.IsCancellationRequested);

    internal static IEnumerable<(string? Vin, JsonElement Values)> Rows(JsonElement result)
    {
        if (!result.TryGetProperty("series", out var series))
            yield break;
        foreach (var s in series.EnumerateArray())
        {
            var vin = s.TryGetProperty("tags", out var tags) && tags.TryGetProperty("vin", out var v) ? v.GetString() : null;
            foreach (var row in s.GetProperty("values").EnumerateArray())
                yield return (vin, row);
        }
    }
}
