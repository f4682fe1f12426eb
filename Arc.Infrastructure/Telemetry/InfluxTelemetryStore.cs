using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Arc.Domain.Telemetry;
using Microsoft.Extensions.Options;

namespace Arc.Infrastructure.Telemetry;

/// <summary>
/// Telemetry on InfluxDB's v1 HTTP API (spec/backend.md §6.4): line protocol to /write into measurement
/// <c>telemetry</c> with tag <c>vin</c> in the raw retention policy, and InfluxQL to /query with the VIN passed as a
/// bound parameter; point names are checked identifiers, so no user text becomes InfluxQL.
/// </summary>
public sealed class InfluxTelemetryStore(IHttpClientFactory clients, IOptions<TelemetryOptions> options) : ITelemetryStore
{
    public const string Measurement = "telemetry";
    public const string RawPolicy = "30d";

    private HttpClient Http => clients.CreateClient(InfrastructureServiceCollectionExtensions.TelemetryClient);

    public async Task WriteAsync(IReadOnlyList<TelemetrySample> samples, CancellationToken ct = default)
    {
        if (samples.Count == 0)
            return;
        var lines = new StringBuilder();
        foreach (var sample in samples)
        {
            lines.Append(Measurement).Append(",vin=").Append(EscapeTag(sample.Vin)).Append(' ');
            lines.AppendJoin(',', sample.Fields.Select(f => $"{TelemetryPoint.Parse(f.Key).Name}={f.Value.ToString("R", CultureInfo.InvariantCulture)}"));
            lines.Append(' ').Append(sample.Time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        var database = Uri.EscapeDataString(options.Value.Database);
        using var content = new StringContent(lines.ToString(), Encoding.UTF8, "text/plain");
        using var response = await Http.PostAsync($"write?db={database}&rp={RawPolicy}&precision=ms", content, ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"InfluxDB refused the write ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(ct)}");
    }

    public async Task<IReadOnlyDictionary<string, LatestValue>> LatestAsync(string vin, IReadOnlyList<TelemetryPoint> points, CancellationToken ct = default)
    {
        var result = new Dictionary<string, LatestValue>(StringComparer.Ordinal);
        foreach (var point in points)
        {
            // One query per point keeps each value with its own time, as the old latest-value lookup did.
            var query = $"SELECT last(\"{point.Name}\") FROM \"{RawPolicy}\".\"{Measurement}\" WHERE \"vin\" = $vin";
            using var content = new FormUrlEncodedContent(
            [
                new("db", options.Value.Database),
                new("q", query),
                new("epoch", "ms"),
                new("params", JsonSerializer.Serialize(new Dictionary<string, string> { ["vin"] = vin })),
            ]);
            using var response = await Http.PostAsync("query", content, ct);
            response.EnsureSuccessStatusCode();
            using var document = await response.Content.ReadFromJsonAsync<JsonDocument>(ct) ?? throw new InvalidOperationException("Empty InfluxDB answer.");
            var first = document.RootElement.GetProperty("results")[0];
            if (first.TryGetProperty("error", out var error))
                throw new InvalidOperationException($"InfluxDB: {error.GetString()}");
            if (!first.TryGetProperty("series", out var series))
                continue;
            var row = series[0].GetProperty("values")[0];
            if (row[1].ValueKind == JsonValueKind.Number)
                result[point.Name] = new LatestValue(row[1].GetDouble(), DateTimeOffset.FromUnixTimeMilliseconds(row[0].GetInt64()));
        }
        return result;
    }

    /// <summary>Line protocol tag values escape commas, equals signs and spaces.</summary>
    private static string EscapeTag(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("=", "\\=", StringComparison.Ordinal).Replace(" ", "\\ ", StringComparison.Ordinal);
}
