using System.Diagnostics;
using Arc.Domain.Telemetry;
using Arc.Infrastructure;
using Arc.Infrastructure.DevServices;
using Arc.Infrastructure.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Arc.Bench;

/// <summary>
/// The telemetry store against raw InfluxQL over HTTP in the same run: one vehicle with 30 days of 1 Hz data
/// (about 2.6 million points per field) for the chart queries, and 1,000 vehicles' latest state for the fleet query.
/// The portal's long ranges read the 30-minute series; the baseline for them is the raw 1 Hz aggregation.
/// </summary>
public static class TelemetryBenchmark
{
    public static async Task RunAsync(BenchRun run)
    {
        var days = (int)run.Size(30, 1);
        var (runs, orRuns, regexRuns, fleetSize) = run.Pick((41, 7, 15, 1000), (3, 1, 1, 50));
        await using var servers = await EmbeddedServers.StartAsync(BenchRun.TempDirectory(), postgres: false, influx: true,
            new DevServicesOptions { InfluxPort = 0 }, throwAway: true);
        var services = new ServiceCollection();
        services.AddHttpClient(InfrastructureServiceCollectionExtensions.TelemetryClient, c => { c.BaseAddress = servers.Influx!.Url; c.Timeout = TimeSpan.FromMinutes(5); });
        services.AddSingleton(Options.Create(new TelemetryOptions { Url = servers.Influx!.Url }));
        services.AddSingleton<ITelemetryStore, InfluxTelemetryStore>();
        await using var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(InfrastructureServiceCollectionExtensions.TelemetryClient);
        await InfluxSchema.EnsureAsync(http, "amtelemetry");
        var store = provider.GetRequiredService<ITelemetryStore>();

        const string vin = "DEV-7F7ATR310PER90001";
        var now = DateTimeOffset.UtcNow;
        var seconds = days * 86_400;
        var load = Stopwatch.StartNew();
        for (var start = seconds; start > 0; start -= 50_000)
        {
            var batch = new List<TelemetrySample>(50_000);
            for (var s = start; s > Math.Max(0, start - 50_000); s--)
                batch.Add(new TelemetrySample(vin, now.AddSeconds(-s), new Dictionary<string, double> { ["speed"] = 40 + 30 * Math.Sin(s / 600.0) }));
            await store.WriteAsync(batch);
        }
        Console.WriteLine($"Loaded {seconds:N0} points of speed for one vehicle in {load.Elapsed.TotalSeconds:F0} s");
        var fleet = Enumerable.Range(0, fleetSize).Select(i => $"DEV-FLEET{i:D5}").ToList();
        await store.WriteAsync(fleet.Select((v, i) => new TelemetrySample(v, now.AddMinutes(-i % 90), new Dictionary<string, double>
        {
            ["bms_pack_soc"] = 20 + i % 70,
            ["odometer"] = 1000 + i,
            ["gps_latitude"] = 44 + i / 10_000.0,
            ["gps_longitude"] = -123 - i / 10_000.0,
        })).ToList());
        var aggregate = Stopwatch.StartNew();
        await store.DownsampleAsync(now.AddDays(-days), now);
        Console.WriteLine($"Aggregated into the 30-minute series in {aggregate.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine();
        Console.WriteLine("| query | points | portal median ms | raw InfluxQL median ms | ratio (portal / raw) |");
        Console.WriteLine("|---|---|---|---|---|");
        var figures = new List<(string Name, double Portal, double Raw)>();

        foreach (var (label, figure, length) in new[]
                 {
                     ("1 hour", "speed_1h", TimeSpan.FromHours(1)), ("24 hours", "speed_24h", TimeSpan.FromDays(1)),
                     ("7 days", "speed_7d", TimeSpan.FromDays(7)), ($"{days} days", $"speed_{days}d", TimeSpan.FromDays(days)),
                 })
        {
            var range = TelemetryRange.Last(length, DateTimeOffset.UtcNow);
            var point = TelemetryPoint.Parse("speed");
            TelemetrySeries? series = null;
            // The baseline: the same buckets computed from the raw 1 Hz data.
            var raw = $"SELECT mean(\"speed\") FROM \"30d\".\"telemetry\" WHERE \"vin\" = '{vin}' AND time >= {range.From.ToUnixTimeMilliseconds()}ms " +
                      $"AND time <= {range.To.ToUnixTimeMilliseconds()}ms GROUP BY time({(long)range.Bucket.TotalSeconds}s) fill(none)";
            var (portal, baseline) = await MeasurePairAsync(async () => series = await store.SeriesAsync(vin, point, range), () => RawAsync(http, raw), runs);
            Console.WriteLine($"| speed, {label} ({series!.Source}) | {series.Points.Count} | {portal:F1} | {baseline:F1} | {portal / baseline:F2} |");
            figures.Add((figure, portal, baseline));
        }

        // Two baselines for the fleet: the same five statements with the VINs as literals, as an OR of equalities (what
        // the old fleet page's one-query-per-vehicle would become at best) and as one regular expression (what the store sends).
        IReadOnlyList<VehicleLatestState>? states = null;
        var fields = new[] { ("30d", "bms_pack_soc"), ("30d", "odometer"), ("365d", "last_odometer"), ("30d", "gps_latitude"), ("30d", "gps_longitude") };
        string FleetRaw(string filter) => string.Join("; ", fields.Select(q => $"SELECT last(\"{q.Item2}\") FROM \"{q.Item1}\".\"telemetry\" WHERE {filter} GROUP BY \"vin\""));
        var orRaw = FleetRaw("(" + string.Join(" OR ", fleet.Select(v => $"\"vin\" = '{v}'")) + ")");
        var regexRaw = FleetRaw($"\"vin\" =~ /{InfluxTelemetryStore.ExactAlternatives(fleet).Replace("/", "\\/", StringComparison.Ordinal)}/");
        var (fleetPortal, orBaseline) = await MeasurePairAsync(async () => states = await store.LatestStatesAsync(fleet), () => RawAsync(http, orRaw), orRuns);
        Console.WriteLine($"| latest state, {fleetSize:N0} vehicles, vs raw OR | {states!.Count(s => s.Soc is not null)} | {fleetPortal:F1} | {orBaseline:F1} | {fleetPortal / orBaseline:F2} |");
        var (fleetPortal2, regexBaseline) = await MeasurePairAsync(async () => states = await store.LatestStatesAsync(fleet), () => RawAsync(http, regexRaw), regexRuns);
        Console.WriteLine($"| latest state, {fleetSize:N0} vehicles, vs raw regex | {states!.Count(s => s.Soc is not null)} | {fleetPortal2:F1} | {regexBaseline:F1} | {fleetPortal2 / regexBaseline:F2} |");
        var found = states!.Count(s => s.Soc is not null);
        if (found != fleetSize)
            throw new InvalidOperationException($"The fleet query found {found} of {fleetSize} vehicles.");
        figures.Add(("fleet_vs_or", fleetPortal, orBaseline));
        figures.Add(("fleet_vs_regex", fleetPortal2, regexBaseline));
        run.Figure("days", days);
        foreach (var (name, portal, raw) in figures)
        {
            run.Figure($"{name}_ms", portal);
            run.Figure($"{name}_raw_ms", raw);
            run.Figure($"{name}_ratio", portal / raw);
        }
    }

    /// <summary>Medians of the portal's call and the baseline, measured alternately so both see the same machine.</summary>
    private static async Task<(double Portal, double Baseline)> MeasurePairAsync(Func<Task> portal, Func<Task> baseline, int runs)
    {
        await portal();
        await baseline();
        var a = new double[runs];
        var b = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await portal();
            a[i] = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            await baseline();
            b[i] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(a);
        Array.Sort(b);
        return (a[runs / 2], b[runs / 2]);
    }

    private static async Task RawAsync(HttpClient http, string query)
    {
        using var content = new FormUrlEncodedContent([new("db", "amtelemetry"), new("q", query), new("epoch", "ms")]);
        using var response = await http.PostAsync("query", content);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }
}
