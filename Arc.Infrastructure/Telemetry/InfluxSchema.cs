using System.Net.Http.Json;
using System.Text.Json;
using Arc.Domain.Common;

namespace Arc.Infrastructure.Telemetry;

/// <summary>
/// Creates the telemetry database and its retention policies (spec/backend.md §6.4): <c>30d</c>, the default
/// for raw points, and <c>365d</c> for the down-sampled series. Safe to run at every start.
/// </summary>
public static class InfluxSchema
{
    public static async Task EnsureAsync(HttpClient http, string database, CancellationToken ct = default)
    {
        await ExecuteAsync(http, $"CREATE DATABASE \"{database}\"", ct);
        await EnsurePolicyAsync(http, database, "30d", "30d", isDefault: true, ct);
        await EnsurePolicyAsync(http, database, "365d", "365d", isDefault: false, ct);
        await EnsureContinuousQueriesAsync(http, database, ct);
    }

    /// <summary>
    /// Every 30 minutes each point's mean, last and maximum go into <c>"365d"."telemetry"</c> as <c>mean_p</c>,
    /// <c>last_p</c> and <c>max_p</c>: three wildcard queries cover every point, including ones added later (the old
    /// system kept one query per point, and <c>top_p</c> where this keeps <c>max_p</c>).
    /// </summary>
    public static async Task EnsureContinuousQueriesAsync(HttpClient http, string database, CancellationToken ct = default)
    {
        var names = (await ContinuousQueriesAsync(http, database, ct)).ToHashSet(StringComparer.Ordinal);
        foreach (var aggregation in InfluxTelemetryStore.Aggregations)
        {
            var name = $"cq_30m_{aggregation}";
            if (names.Contains(name))
                continue;
            (await ExecuteAsync(http,
                $"CREATE CONTINUOUS QUERY \"{name}\" ON \"{database}\" BEGIN SELECT {aggregation}(*) INTO \"{database}\".\"365d\".\"telemetry\" " +
                $"FROM \"{database}\".\"30d\".\"telemetry\" GROUP BY time(30m), * END", ct)).Dispose();
        }
    }

    public static async Task<IReadOnlyList<string>> ContinuousQueriesAsync(HttpClient http, string database, CancellationToken ct = default)
    {
        using var doc = await ExecuteAsync(http, "SHOW CONTINUOUS QUERIES", ct);
        var names = new List<string>();
        foreach (var result in doc.RootElement.GetProperty("results").EnumerateArray())
        {
            if (!result.TryGetProperty("series", out var series))
                continue;
            foreach (var s in series.EnumerateArray())
            {
                if (s.GetProperty("name").GetString() == database && s.TryGetProperty("values", out var values))
                    names.AddRange(values.EnumerateArray().Select(row => row[0].GetString()!));
            }
        }
        return names;
    }

    public static async Task<IReadOnlyList<string>> RetentionPoliciesAsync(HttpClient http, string database, CancellationToken ct = default)
    {
        using var doc = await ExecuteAsync(http, $"SHOW RETENTION POLICIES ON \"{database}\"", ct);
        var names = new List<string>();
        foreach (var result in doc.RootElement.GetProperty("results").EnumerateArray())
        {
            if (!result.TryGetProperty("series", out var series))
                continue;
            foreach (var s in series.EnumerateArray())
                foreach (var row in s.GetProperty("values").EnumerateArray())
                    names.Add(row[0].GetString()!);
        }
        return names;
    }

    private static async Task EnsurePolicyAsync(HttpClient http, string database, string name, string duration, bool isDefault,
        CancellationToken ct)
    {
        var existing = await RetentionPoliciesAsync(http, database, ct);
        var verb = existing.Contains(name) ? "ALTER" : "CREATE";
        var statement = $"{verb} RETENTION POLICY \"{name}\" ON \"{database}\" DURATION {duration} REPLICATION 1{(isDefault ? " DEFAULT" : "")}";
        (await ExecuteAsync(http, statement, ct)).Dispose();
    }

    private static async Task<JsonDocument> ExecuteAsync(HttpClient http, string statement, CancellationToken ct)
    {
        using var content = new FormUrlEncodedContent([new KeyValuePair<string, string>("q", statement)]);
        JsonDocument doc;
        try
        {
            using var response = await http.PostAsync("query", content, ct);
            if (!response.IsSuccessStatusCode)
                throw new ServiceUnavailableException(InfluxTelemetryStore.Refused,
                    new InvalidOperationException($"InfluxDB answered {(int)response.StatusCode} to '{statement}'."));
            doc = await response.Content.ReadFromJsonAsync<JsonDocument>(ct)
                ?? throw new ServiceUnavailableException(InfluxTelemetryStore.Refused, new InvalidDataException("Empty InfluxDB answer."));
        }
        catch (Exception e) when (InfluxTelemetryStore.IsTransportFailure(e, ct))
        {
            throw new ServiceUnavailableException(InfluxTelemetryStore.Unreachable, e);
        }
        catch (JsonException e)
        {
            throw new ServiceUnavailableException(InfluxTelemetryStore.Refused, e);
        }
        foreach (var result in doc.RootElement.GetProperty("results").EnumerateArray())
        {
            if (result.TryGetProperty("error", out var error))
            {
                var said = error.GetString();
                doc.Dispose();
                throw new ServiceUnavailableException(InfluxTelemetryStore.Refused, new InvalidOperationException($"InfluxDB refused '{statement}': {said}"));
            }
        }
        return doc;
    }
}
