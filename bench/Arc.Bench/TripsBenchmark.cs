using System.Diagnostics;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Telemetry;
using Arc.Domain.Trips;
using Arc.Domain.Vehicles;
using Arc.Infrastructure;
using Arc.Infrastructure.DevServices;
using Arc.Infrastructure.Persistence;
using Arc.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Arc.Bench;

/// <summary>
/// Trips for one vehicle over 30 days of 1 Hz data (about 2.6 million reports of five points), through the portal's
/// use case (permission check, one streamed InfluxDB query, detection) against a raw InfluxQL read of the same rows
/// over HTTP, the lower bound of any detector that reads them. The two take turns; medians are compared. The number of
/// InfluxDB queries the use case sends is counted by a handler on the telemetry client.
/// </summary>
public static class TripsBenchmark
{
    public static async Task RunAsync(BenchRun run)
    {
        var days = run.Size(30, 2 / 24.0);
        var rounds = run.Pick(3, 1);
        await using var servers = await EmbeddedServers.StartAsync(BenchRun.TempDirectory(), postgres: true, influx: true,
            new DevServicesOptions { PostgresPort = 0, InfluxPort = 0, Database = "arc_bench" }, throwAway: true);
        var queries = new QueryCounter();
        await using var app = await BenchHost.StartAsync(servers.Postgres!.ConnectionString, services =>
        {
            services.AddSingleton<ICurrentUser>(new Reader());
            services.AddHttpClient(InfrastructureServiceCollectionExtensions.TelemetryClient)
                .ConfigureHttpClient(c => c.Timeout = TimeSpan.FromMinutes(10))
                .AddHttpMessageHandler(() => new CountingHandler(queries));
        }, new Dictionary<string, string?> { ["Telemetry:Url"] = servers.Influx!.Url.ToString() });
        await app.Services.InitializeStoresAsync(seedDemoData: false);

        var vin = DemoData.MakeVin('T', 'R', 10_001);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<ArcDbContext>>().CreateDbContextAsync())
        {
            db.Add(new Vehicle { Vin = vin, Created = DateTimeOffset.UtcNow });
            db.Add(new VehicleMeta { Vin = vin, Section = "privacy", Key = "record_gps", Value = "true" });
            await db.SaveChangesAsync();
        }
        var to = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var from = to.AddSeconds(-(long)(days * 86_400));
        var load = Stopwatch.StartNew();
        var written = await SeedAsync(app.Services.GetRequiredService<ITelemetryStore>(), vin, from, to);
        Console.WriteLine($"Loaded {written:N0} reports (speed, SOC, odometer, latitude, longitude) for one vehicle in {load.Elapsed.TotalSeconds:F0} s");

        var http = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient(InfrastructureServiceCollectionExtensions.TelemetryClient);
        var raw = "SELECT \"speed\", \"bms_pack_soc\", \"odometer\", \"gps_latitude\", \"gps_longitude\" FROM \"30d\".\"telemetry\" " +
                  $"WHERE \"vin\" = '{vin}' AND time >= {from.ToUnixTimeMilliseconds()}ms AND time <= {to.ToUnixTimeMilliseconds()}ms";
        TripReport? report = null;
        var (portals, raws, counts) = (new List<double>(), new List<double>(), new List<long>());
        for (var round = 0; round < rounds; round++)
        {
            var before = queries.Count;
            var clock = Stopwatch.StartNew();
            await using (var scope = app.Services.CreateAsyncScope())
                report = await scope.ServiceProvider.GetRequiredService<GetVehicleTrips>().HandleAsync(vin, from, to);
            portals.Add(clock.Elapsed.TotalSeconds);
            counts.Add(queries.Count - before);
            clock.Restart();
            var bytes = await RawAsync(http, raw);
            raws.Add(clock.Elapsed.TotalSeconds);
            Console.WriteLine($"round {round + 1}: portal {portals[^1]:F2} s ({report.Samples:N0} reports, {report.Trips.Count} trips), raw {raws[^1]:F2} s ({bytes / 1e6:F0} MB)");
        }
        if (report!.Samples != written)
            throw new InvalidOperationException($"The use case read {report.Samples} of {written} reports.");
        var (portal, baseline) = (Median(portals), Median(raws));
        run.Figure("days", days);
        run.Figure("reports", report.Samples);
        run.Figure("trips", report.Trips.Count);
        run.Figure("stops", report.Stops.Count);
        run.Figure("portal_s", portal);
        run.Figure("raw_s", baseline);
        run.Figure("ratio", portal / baseline);
        run.Figure("influx_queries", counts.Max());
    }

    /// <summary>
    /// A working day, every day: parked overnight, then four drives of 20 to 50 minutes with stop-and-go (a standstill
    /// report every few minutes, a red light of a minute), parked for one to three hours between them; 1 Hz throughout.
    /// </summary>
    private static async Task<long> SeedAsync(ITelemetryStore store, string vin, DateTimeOffset from, DateTimeOffset to)
    {
        var km = 0.0;
        var soc = 90.0;
        long written = 0;
        var batch = new List<TelemetrySample>(50_000);
        for (var at = from; at <= to; at = at.AddSeconds(1))
        {
            var second = (int)(at - at.UtcDateTime.Date).TotalSeconds;
            var speed = SpeedAt(second);
            batch.Add(new TelemetrySample(vin, at, new Dictionary<string, double>
            {
                ["speed"] = speed, ["bms_pack_soc"] = Math.Round(soc, 2), ["odometer"] = Math.Round(10_000 + km, 3),
                ["gps_latitude"] = 44.05 + Math.Sin(km / 7) * 0.05, ["gps_longitude"] = -123.09 + Math.Cos(km / 7) * 0.05,
            }));
            km += speed / 3600;
            soc = speed > 0 ? Math.Max(10, soc - speed / 3600 * 0.2) : second is > 20 * 3600 and < 23 * 3600 ? Math.Min(95, soc + 0.002) : soc;
            if (batch.Count == batch.Capacity)
            {
                await store.WriteAsync(batch);
                written += batch.Count;
                batch.Clear();
            }
        }
        await store.WriteAsync(batch);
        return written + batch.Count;
    }

    private static readonly (int Start, int Minutes)[] Drives = [(7 * 3600, 35), (10 * 3600, 20), (13 * 3600, 50), (17 * 3600, 40)];

    private static double SpeedAt(int second)
    {
        foreach (var (start, minutes) in Drives)
        {
            var into = second - start;
            if (into < 0 || into >= minutes * 60)
                continue;
            if (into % 240 == 0 || into % 900 is >= 400 and < 460)
                return 0;
            return 30 + 25 * Math.Abs(Math.Sin(into / 300.0));
        }
        return 0;
    }

    private static async Task<long> RawAsync(HttpClient http, string query)
    {
        using var content = new FormUrlEncodedContent([new("db", "amtelemetry"), new("q", query), new("epoch", "ms"), new("chunked", "true"), new("chunk_size", "10000")]);
        using var response = await http.PostAsync("query", content);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
            total += read;
        return total;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private sealed class QueryCounter
    {
        private long _count;
        public long Count => Interlocked.Read(ref _count);
        public void Add() => Interlocked.Increment(ref _count);
    }

    /// <summary>Counts the telemetry client's InfluxQL queries (requests to /query), whoever sends them.</summary>
    private sealed class CountingHandler(QueryCounter counter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri?.AbsolutePath.EndsWith("/query", StringComparison.Ordinal) == true)
                counter.Add();
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class Reader : ICurrentUser
    {
        private static readonly IReadOnlySet<string> Permissions = new HashSet<string> { Perm.VehicleRead };

        public Task<string?> GetUsernameAsync(CancellationToken ct = default) => Task.FromResult<string?>("bench");

        public Task<IReadOnlySet<string>> GetPermissionsAsync(CancellationToken ct = default) => Task.FromResult(Permissions);
    }
}
