using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Arc.Domain.Common;
using Arc.Domain.Telemetry;

namespace Arc.Infrastructure.Telemetry;

public sealed partial class InfluxTelemetryStore
{
    /// <summary>Rows per chunk of a streamed answer: about a megabyte of JSON each.</summary>
    internal const int ChunkSize = 10_000;

    /// <summary>
    /// One statement over the whole range, answered by InfluxDB in chunks (one JSON document a line) that are parsed and
    /// handed on one at a time, so a month of 1 Hz rows is never held as one document.
    /// </summary>
    public async IAsyncEnumerable<(DateTimeOffset Time, double?[] Values)> StreamRowsAsync(string vin, IReadOnlyList<TelemetryPoint> points, DateTimeOffset from,
        DateTimeOffset to, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var fields = string.Join(", ", points.Select(p => $"\"{p.Name}\""));
        var query = $"SELECT {fields} FROM \"{RawPolicy}\".\"{Measurement}\" WHERE \"vin\" = $vin AND {TimeFilter(from, to)}";
        using var content = new FormUrlEncodedContent(
        [
            new("db", options.Value.Database), new("q", query), new("epoch", "ms"), new("chunked", "true"),
            new("chunk_size", ChunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("params", JsonSerializer.Serialize(new Dictionary<string, string> { ["vin"] = vin })),
        ]);
        using var request = new HttpRequestMessage(HttpMethod.Post, "query") { Content = content };
        HttpResponseMessage response;
        QueryMeter.Telemetry();
        try
        {
            response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (Exception e) when (IsTransportFailure(e, ct))
        {
            throw new ServiceUnavailableException(Unreachable, e);
        }
        using (response)
        {
            if (response.StatusCode != HttpStatusCode.OK)
                throw new ServiceUnavailableException(Refused,
                    new InvalidOperationException($"InfluxDB answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}"));
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
            while (true)
            {
                string? line;
                try
                {
                    line = await reader.ReadLineAsync(ct);
                }
                catch (Exception e) when (IsTransportFailure(e, ct))
                {
                    throw new ServiceUnavailableException(Unreachable, e);
                }
                if (line is null)
                    yield break;
                if (line.Length == 0)
                    continue;
                foreach (var row in Chunk(line, points.Count))
                    yield return row;
            }
        }
    }

    private static List<(DateTimeOffset Time, double?[] Values)> Chunk(string line, int width)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new ServiceUnavailableException(Refused, e);
        }
        using (document)
        {
            var rows = new List<(DateTimeOffset, double?[])>();
            if (document.RootElement.TryGetProperty("error", out var failure))
                throw new ServiceUnavailableException(Refused, new InvalidOperationException($"InfluxDB: {failure.GetString()}"));
            foreach (var result in document.RootElement.GetProperty("results").EnumerateArray())
            {
                if (result.TryGetProperty("error", out var error))
                    throw new ServiceUnavailableException(Refused, new InvalidOperationException($"InfluxDB: {error.GetString()}"));
                foreach (var (_, row) in Rows(result))
                {
                    var values = new double?[width];
                    for (var i = 0; i < width; i++)
                        values[i] = row[i + 1].ValueKind == JsonValueKind.Number ? row[i + 1].GetDouble() : null;
                    if (values.Any(v => v is not null))
                        rows.Add((DateTimeOffset.FromUnixTimeMilliseconds(row[0].GetInt64()), values));
                }
            }
            return rows;
        }
    }
}
