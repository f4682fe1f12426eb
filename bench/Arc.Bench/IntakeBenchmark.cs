using System.Diagnostics;
using System.Globalization;
using System.Text;
using Arc.Domain.Intake;
using Arc.Domain.Vehicles;
using Arc.Infrastructure;
using Arc.Infrastructure.DevServices;
using Arc.Infrastructure.Intake;
using Arc.Infrastructure.Persistence;
using Arc.Infrastructure.Seeding;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Arc.Bench;

/// <summary>
/// The intake against InfluxDB itself in the same run: the baseline writes the very lines the messages hold as raw line
/// protocol (one writer, 5,000 lines a request, as the intake batches); the portal receives the same messages in the
/// old JSON format and decodes, checks, writes and counts them. The two take turns for several rounds and the medians
/// are compared. Then the lag: messages at a steady rate, each timed from its device timestamp to the moment its points
/// are queryable.
/// </summary>
public static class IntakeBenchmark
{
    private const int RowsPerMessage = 10;

    public static async Task RunAsync(BenchRun run)
    {
        var (vehicles, messages, rate, lagSeconds, rounds) = run.Pick((1_000, 20_000, 1_000, 20, 5), (20, 400, 200, 2, 1));
        await using var servers = await EmbeddedServers.StartAsync(BenchRun.TempDirectory(), postgres: true, influx: true,
            new DevServicesOptions { PostgresPort = 0, InfluxPort = 0, Database = "arc_bench" }, throwAway: true);
        await using var app = await BenchHost.StartAsync(servers.Postgres!.ConnectionString, _ => { }, new Dictionary<string, string?>
        {
            ["Telemetry:Url"] = servers.Influx!.Url.ToString(),
            ["Intake:QueueCapacity"] = "50000",
        });
        await app.Services.InitializeStoresAsync(seedDemoData: false);
        var vins = await AddVehiclesAsync(app, vehicles);
        var pipeline = app.Services.GetRequiredService<IntakePipeline>();
        var flusher = app.Services.GetRequiredService<IntakeLedgerFlusher>();
        await pipeline.StartAsync(CancellationToken.None);
        await flusher.StartAsync(CancellationToken.None);
        try
        {
            var http = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient(InfrastructureServiceCollectionExtensions.TelemetryClient);
            var points = messages * RowsPerMessage;
            // Rounds take turns, so InfluxDB's own after-work (snapshots and compactions of what was just written) falls on
            // both sides alike; each side writes its own time range, so neither overwrites the other's points. Medians.
            var origin = DateTimeOffset.UtcNow.AddHours(-3);
            var span = TimeSpan.FromSeconds((messages / vins.Count + 1) * RowsPerMessage);
            DateTimeOffset At(int round, int i) => origin + span * round + TimeSpan.FromSeconds(i / vins.Count * RowsPerMessage);
            var (raws, portals) = (new List<double>(), new List<double>());
            for (var round = 0; round < 2 * rounds; round += 2)
            {
                var lines = Enumerable.Range(0, messages).Select(i => Lines(vins[i % vins.Count], At(round, i), i)).ToList();
                var bodies = Enumerable.Range(0, messages).Select(i => Body(vins[i % vins.Count], At(round + 1, i), i)).ToList();
                raws.Add((await MeasureAsync(() => RawAsync(http, lines))).TotalSeconds);
                portals.Add((await MeasureAsync(() => ThroughPipelineAsync(pipeline, bodies))).TotalSeconds);
            }
            var (raw, portal) = (Percentile(raws, 0.5), Percentile(portals, 0.5));
            var rawRate = points / raw;
            var portalRate = points / portal;
            Console.WriteLine($"{messages:N0} messages of {RowsPerMessage} rows ({points:N0} points, {vehicles:N0} vehicles), median of {rounds}: " +
                              $"raw line protocol {raw:F2} s ({string.Join(", ", raws.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))}), " +
                              $"the portal's intake {portal:F2} s ({string.Join(", ", portals.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))})");

            var lags = await LagAsync(pipeline, vins, rate, lagSeconds);
            Console.WriteLine($"Lag at {rate:N0} messages/s over {lagSeconds} s: p50 {Percentile(lags, 0.5):F0} ms, p95 {Percentile(lags, 0.95):F0} ms");
            run.Figure("raw_points_per_s", rawRate);
            run.Figure("points_per_s", portalRate);
            run.Figure("ratio", portalRate / rawRate);
            run.Figure("lag_p50_ms", Percentile(lags, 0.5));
            run.Figure("lag_p95_ms", Percentile(lags, 0.95));
        }
        finally
        {
            await pipeline.StopAsync(CancellationToken.None);
            await flusher.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<List<string>> AddVehiclesAsync(WebApplication app, int count)
    {
        var vins = Enumerable.Range(0, count).Select(i => DemoData.MakeVin('T', 'S', 10_000 + i)).ToList();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ArcDbContext>>().CreateDbContextAsync();
        db.AddRange(vins.Select(v => new Vehicle { Vin = v, Created = DateTimeOffset.UtcNow }));
        await db.SaveChangesAsync();
        return vins;
    }

    private static double Value(int message, int row, int field) => Math.Round(50 + 40 * Math.Sin((message * RowsPerMessage + row) / 50.0 + field), 2);

    private static readonly string[] Fields = ["speed", "bms_pack_soc", "odometer", "ambient_temp", "bms_pack_current", "lv_voltage_1"];

    private static byte[] Body(string vin, DateTimeOffset at, int message)
    {
        var text = new StringBuilder($"{{\"vin\":\"{vin}\",\"data\":[");
        for (var r = 0; r < RowsPerMessage; r++)
        {
            text.Append(r == 0 ? "{" : ",{");
            for (var f = 0; f < Fields.Length; f++)
                text.Append(CultureInfo.InvariantCulture, $"\"{Fields[f]}\":{Value(message, r, f)},");
            text.Append(CultureInfo.InvariantCulture, $"\"gps_position\":\"44.05,-123.08\",\"timestamp\":\"{at.AddSeconds(r).UtcDateTime:yyyy-MM-dd HH:mm:ss.fff}\"}}");
        }
        return Encoding.UTF8.GetBytes(text.Append("]}").ToString());
    }

    private static string Lines(string vin, DateTimeOffset at, int message)
    {
        var text = new StringBuilder();
        for (var r = 0; r < RowsPerMessage; r++)
        {
            text.Append("telemetry,vin=").Append(vin).Append(' ');
            for (var f = 0; f < Fields.Length; f++)
                text.Append(CultureInfo.InvariantCulture, $"{Fields[f]}={Value(message, r, f)},");
            text.Append(CultureInfo.InvariantCulture, $"gps_latitude=44.05,gps_longitude=-123.08 {at.AddSeconds(r).ToUnixTimeMilliseconds()}\n");
        }
        return text.ToString();
    }

    private static async Task RawAsync(HttpClient http, IReadOnlyList<string> messages)
    {
        const int perRequest = 5_000 / RowsPerMessage;
        for (var i = 0; i < messages.Count; i += perRequest)
        {
            using var content = new StringContent(string.Concat(messages.Skip(i).Take(perRequest)), Encoding.UTF8, "text/plain");
            using var response = await http.PostAsync("write?db=amtelemetry&rp=30d&precision=ms", content);
            response.EnsureSuccessStatusCode();
        }
    }

    private static async Task ThroughPipelineAsync(IIntakePipeline pipeline, IReadOnlyList<byte[]> bodies)
    {
        var pending = new List<Task<IntakeOutcome>>(bodies.Count);
        for (var i = 0; i < bodies.Count; i++)
            pending.Add(await pipeline.EnqueueAsync(new IntakeMessage(IntakeSource.Mqtt, i.ToString(CultureInfo.InvariantCulture), null, bodies[i], DateTimeOffset.UtcNow)));
        var outcomes = await Task.WhenAll(pending);
        var notWritten = outcomes.Count(o => o.Result != IntakeResult.Written);
        if (notWritten > 0)
            throw new InvalidOperationException($"{notWritten} messages were not written: {outcomes.First(o => o.Result != IntakeResult.Written).Reason}");
    }

    /// <summary>Messages at a steady rate, each stamped with the moment it is sent; its lag ends when its outcome says written.</summary>
    private static async Task<List<double>> LagAsync(IIntakePipeline pipeline, IReadOnlyList<string> vins, int rate, int seconds)
    {
        var lags = new List<double>();
        var waits = new List<Task>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < rate * seconds; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due > clock.Elapsed)
                await Task.Delay(due - clock.Elapsed);
            var sent = DateTimeOffset.UtcNow;
            var body = Body(vins[i % vins.Count], sent.AddSeconds(-(RowsPerMessage - 1)), 1_000_000 + i);
            var done = await pipeline.EnqueueAsync(new IntakeMessage(IntakeSource.Mqtt, $"lag-{i}", null, body, sent));
            waits.Add(done.ContinueWith(t =>
            {
                var lag = (DateTimeOffset.UtcNow - sent).TotalMilliseconds;
                lock (lags)
                    lags.Add(t.Result.Result == IntakeResult.Written ? lag : double.PositiveInfinity);
            }, TaskScheduler.Default));
        }
        await Task.WhenAll(waits);
        return lags;
    }

    private static async Task<TimeSpan> MeasureAsync(Func<Task> work)
    {
        var clock = Stopwatch.StartNew();
        await work();
        return clock.Elapsed;
    }

    private static double Percentile(List<double> values, double share)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * share) - 1)];
    }
}
