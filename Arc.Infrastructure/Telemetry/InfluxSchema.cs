using System.Net.Http.Json;
using System.Text.Json;

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
        using var response = await http.PostAsync("query", content, ct);
        response.EnsureSuccessStatusCode();
        var doc = await response.Content.ReadFromJsonAsync<JsonDocument>(ct) ?? throw new InvalidOperationException("Empty InfluxDB answer.");
        foreach (var result in doc.RootElement.GetProperty("results").EnumerateArray())
        {
            if (result.TryGetProperty("error", out var error))
                throw new InvalidOperationException($"InfluxDB refused '{statement}': {error.GetString()}");
        }
        return doc;
    }
}
