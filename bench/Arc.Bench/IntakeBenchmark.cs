using System.Diagnostics;
using System.Globalization;
using System.Text;
using Arc.Domain.Intake;
using Arc.Domain.Vehicles;
using Arc.Infrastructure;
using Arc.Infrastructure.DevServices;
using Arc.Infrastructure.Intake;
using Arc.Infrastructure.Intake.Mqtt;
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
/// are compared. The same messages also travel each transport: published to the portal's MQTT broker, and drained from
/// an SQS queue on local-aws-sqs. Then the lag: messages at a steady rate, each timed from its device timestamp to the moment its points
/// are queryable.
/// </summary>
public static class IntakeBenchmark
{
    private const int RowsPerMessage = 10;

    /// <summary>
    /// Connections publishing at once on the broker. A fleet keeps many busy at once; 8 measured how fast 8 vehicles can
    /// publish rather than how fast the broker takes in. The general client waits for each PUBACK before the next publish.
    /// </summary>
    private const int MqttConnections = 64;

    /// <summary>
    /// Publishes a lean publisher keeps unacknowledged on each connection, as a vehicle sending a backlog does (MQTT 5
    /// allows up to the broker's Receive Maximum, 65,535 unless it says less).
    /// </summary>
    private const int MqttWindow = 16;

    /// <summary>
    /// The consumer's receive loops. local-aws-sqs answers a receive only at the next tick of a 10 ms timer, so each loop
    /// takes at most 100 receives a second from it whatever the load; Amazon SQS answers as soon as messages are there. 32
    /// loops let the peer serve the raw rate on its own (measured beside, as <c>sqs_peer_only</c>).
    /// </summary>
    private const int SqsReceiveLoops = 32;

    public static async Task RunAsync(BenchRun run)
    {
        var (vehicles, messages, rate, lagSeconds, rounds) = run.Pick((1_000, 20_000, 1_000, 20, 7), (20, 400, 200, 2, 1));
        await using var servers = await EmbeddedServers.StartAsync(BenchRun.TempDirectory(), postgres: true, influx: true,
            new DevServicesOptions { PostgresPort = 0, InfluxPort = 0, Database = "arc_bench" }, throwAway: true);
        await using var sqs = await SqsPeer.StartAsync();
        var (queue, peerQueue) = (await sqs.CreateQueueAsync("arc-bench-intake"), await sqs.CreateQueueAsync("arc-bench-peer-only"));
        var counter = new WrittenCounter();
        await using var app = await BenchHost.StartAsync(servers.Postgres!.ConnectionString, s => s.AddSingleton<IIntakeObserver>(counter),
            new Dictionary<string, string?>
            {
                ["Telemetry:Url"] = servers.Influx!.Url.ToString(),
                ["Intake:QueueCapacity"] = "50000",
                ["Mqtt:Enabled"] = "true",
                ["Mqtt:PlainEnabled"] = "true",
                ["Mqtt:Port"] = "0",
                ["Mqtt:TlsPort"] = "0",
            });
        await app.Services.InitializeStoresAsync(seedDemoData: false);
        var vins = await AddVehiclesAsync(app, vehicles);
        var pipeline = app.Services.GetRequiredService<IntakePipeline>();
        var flusher = app.Services.GetRequiredService<IntakeLedgerFlusher>();
        var broker = app.Services.GetRequiredService<MqttBroker>();
        await pipeline.StartAsync(CancellationToken.None);
        await flusher.StartAsync(CancellationToken.None);
        await broker.StartAsync(CancellationToken.None);
        try
        {
            var http = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient(InfrastructureServiceCollectionExtensions.TelemetryClient);
            var points = messages * RowsPerMessage;
            var origin = DateTimeOffset.UtcNow.AddHours(-6);
            var span = TimeSpan.FromSeconds((messages / vins.Count + 1) * RowsPerMessage);
            DateTimeOffset At(int range, int i) => origin + span * range + TimeSpan.FromSeconds(i / vins.Count * RowsPerMessage);
            List<(string Vin, byte[] Body)> Messages(int range) =>
                Enumerable.Range(0, messages).Select(i => (vins[i % vins.Count], Body(vins[i % vins.Count], At(range, i), i))).ToList();
            // What a side sends is made before its clock starts; the returned work is what is timed.
            Func<Task<TimeSpan>> Prepare(string side, int range)
            {
                if (side == "raw")
                {
                    var lines = Enumerable.Range(0, messages).Select(i => Lines(vins[i % vins.Count], At(range, i), i)).ToList();
                    return () => MeasureAsync(() => RawAsync(http, lines));
                }
                var sent = Messages(range);
                var bodies = sent.Select(m => m.Body).ToList();
                return side switch
                {
                    "pipeline" => () => MeasureAsync(() => ThroughPipelineAsync(pipeline, counter, bodies)),
                    "mqtt" => () => MeasureAsync(() => IntakeTransports.LeanMqttAsync(broker, counter, sent, MqttConnections, MqttWindow)),
                    "mqtt_client" => () => MeasureAsync(() => IntakeTransports.MqttAsync(broker, counter, sent, connections: MqttConnections)),
                    _ => () => IntakeTransports.SqsAsync(sqs, queue, pipeline, counter, bodies, SqsReceiveLoops),
                };
            }
            // Every round runs each side once, starting one side later than the round before. InfluxDB's after-work
            // (snapshots and compactions of what was just written) lands on whichever side comes next, so over the rounds
            // it falls on every side alike rather than always on the baseline. Each side writes its own time range, so none
            // overwrites another's points. Medians.
            var times = Sides.ToDictionary(s => s, _ => new List<double>());
            var writes = Sides.ToDictionary(s => s, _ => new List<long>());
            for (var round = 0; round < rounds; round++)
            {
                for (var turn = 0; turn < Sides.Length; turn++)
                {
                    var side = Sides[(round + turn) % Sides.Length];
                    var work = Prepare(side, round * Sides.Length + Array.IndexOf(Sides, side));
                    var before = counter.Batches;
                    times[side].Add((await work()).TotalSeconds);
                    writes[side].Add(counter.Batches - before);
                }
            }
            var peerOnly = await IntakeTransports.SqsPeerOnlyAsync(sqs, peerQueue, Messages(0).Select(m => m.Body).ToList(), SqsReceiveLoops);
            var median = times.ToDictionary(t => t.Key, t => Percentile(t.Value, 0.5));
            Console.WriteLine($"{messages:N0} messages of {RowsPerMessage} rows ({points:N0} points, {vehicles:N0} vehicles), median of {rounds}, seconds: " +
                              string.Join("; ", Sides.Select(s => $"{s} {median[s]:F2} ({string.Join(", ", times[s].Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))})")) +
                              $"; local-aws-sqs receive and delete alone {peerOnly.TotalSeconds:F2}");
            Console.WriteLine("The intake's InfluxDB writes per round: " + string.Join("; ", Sides.Skip(1).Select(s => $"{s} {string.Join(", ", writes[s])}")));

            var lags = await LagAsync(pipeline, counter, vins, rate, lagSeconds);
            Console.WriteLine($"Lag at {rate:N0} messages/s over {lagSeconds} s: p50 {Percentile(lags, 0.5):F0} ms, p95 {Percentile(lags, 0.95):F0} ms");
            var rawRate = points / median["raw"];
            run.Figure("raw_points_per_s", rawRate);
            run.Figure("points_per_s", points / median["pipeline"]);
            run.Figure("ratio", rawRate > 0 ? points / median["pipeline"] / rawRate : 0);
            run.Figure("mqtt_points_per_s", points / median["mqtt"]);
            run.Figure("mqtt_ratio", points / median["mqtt"] / rawRate);
            run.Figure("mqtt_client_points_per_s", points / median["mqtt_client"]);
            run.Figure("mqtt_client_ratio", points / median["mqtt_client"] / rawRate);
            run.Figure("sqs_points_per_s", points / median["sqs"]);
            run.Figure("sqs_ratio", points / median["sqs"] / rawRate);
            run.Figure("sqs_peer_only_points_per_s", points / peerOnly.TotalSeconds);
            run.Figure("lag_p50_ms", Percentile(lags, 0.5));
            run.Figure("lag_p95_ms", Percentile(lags, 0.95));
        }
        finally
        {
            await broker.StopAsync(CancellationToken.None);
            await pipeline.StopAsync(CancellationToken.None);
            await flusher.StopAsync(CancellationToken.None);
        }
    }

    private static readonly string[] Sides = ["raw", "pipeline", "mqtt", "sqs", "mqtt_client"];

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

    private static async Task ThroughPipelineAsync(IIntakePipeline pipeline, WrittenCounter counter, IReadOnlyList<byte[]> bodies)
    {
        var counted = counter.Expect(bodies.Count);
        var pending = new List<Task<IntakeOutcome>>(bodies.Count);
        for (var i = 0; i < bodies.Count; i++)
            pending.Add(await pipeline.EnqueueAsync(new IntakeMessage(IntakeSource.Mqtt, i.ToString(CultureInfo.InvariantCulture), null, bodies[i], DateTimeOffset.UtcNow)));
        var outcomes = await Task.WhenAll(pending);
        var notWritten = outcomes.Count(o => o.Result != IntakeResult.Written);
        if (notWritten > 0)
            throw new InvalidOperationException($"{notWritten} messages were not written: {outcomes.First(o => o.Result != IntakeResult.Written).Reason}");
        await counted.WaitAsync(TimeSpan.FromMinutes(1));
    }

    /// <summary>Messages at a steady rate, each stamped with the moment it is sent; its lag ends when its outcome says written.</summary>
    private static async Task<List<double>> LagAsync(IIntakePipeline pipeline, WrittenCounter counter, IReadOnlyList<string> vins, int rate, int seconds)
    {
        _ = counter.Expect(rate * seconds);
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
