using System.Diagnostics;
using Arc.Domain.Alarms;
using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Arc.Domain.Intake;
using Arc.Domain.Permissions;
using Arc.Domain.Telemetry;
using Arc.Domain.Vehicles;
using Arc.Infrastructure;
using Arc.Infrastructure.DevServices;
using Arc.Infrastructure.Persistence;
using Arc.Infrastructure.Seeding;
using Arc.Infrastructure.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Arc.Bench;

/// <summary>
/// The fleet dashboard for a fleet of 10,000 vehicles, each with its latest telemetry: the GetFleetDashboard use case
/// (permission checks, three PostgreSQL statements, two more for the alarms, classification) against a raw baseline
/// in the same run: the same rows read by hand-written SQL through Npgsql. The latest values come from the read model
/// kept as telemetry is written (decision 0039), no longer from InfluxDB. The queries the use case sends are counted by
/// the query meter, for the large fleet and a small one.
/// </summary>
public static class FleetDashboardBenchmark
{
    public static async Task RunAsync(BenchRun run)
    {
        var size = (int)run.Size(10_000, 200);
        var smallSize = run.Pick(10, 5);
        var (warmup, iterations) = run.Pick((2, 20), (2, 5));
        await using var servers = await EmbeddedServers.StartAsync(BenchRun.TempDirectory(), postgres: true, influx: true,
            new DevServicesOptions { PostgresPort = 0, InfluxPort = 0, Database = "arc_bench" }, throwAway: true);
        var connection = servers.Postgres!.ConnectionString;
        await using var app = await BenchHost.StartAsync(connection, services => services.AddSingleton<ICurrentUser>(new Reader()),
            new Dictionary<string, string?> { ["Telemetry:Url"] = servers.Influx!.Url.ToString() });
        await app.Services.InitializeStoresAsync(seedDemoData: false);

        var seedClock = Stopwatch.StartNew();
        var large = await SeedFleetAsync(app.Services, "Bench large", 'F', size);
        var small = await SeedFleetAsync(app.Services, "Bench small", 'D', smallSize);
        await app.Services.GetRequiredService<LatestTelemetryTable>().FlushAsync(CancellationToken.None);
        Console.WriteLine($"Seeded fleets of {size:N0} and {smallSize:N0} vehicles with their latest telemetry in {seedClock.Elapsed.TotalSeconds:F1} s");

        FleetDashboard? dashboard = null;
        async Task PortalAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            dashboard = await scope.ServiceProvider.GetRequiredService<GetFleetDashboard>().HandleAsync(large.Id);
        }
        var portal = await Timing.MeasureAsync(warmup, iterations, PortalAsync);
        var raw = await Timing.MeasureAsync(warmup, iterations, () => RawAsync(connection, large.Id));
        if (dashboard!.Counts.Vehicles != size)
            throw new InvalidOperationException($"The dashboard counted {dashboard.Counts.Vehicles} of {size} vehicles.");

        var (smallQueries, largeQueries) = (await CountAsync(app.Services, small.Id), await CountAsync(app.Services, large.Id));
        Console.WriteLine();
        Console.WriteLine("| figure | portal | raw baseline |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| p50 ms | {portal.P50:F1} | {raw.P50:F1} |");
        Console.WriteLine($"| p95 ms | {portal.P95:F1} | {raw.P95:F1} |");
        Console.WriteLine($"| queries, {smallSize} vehicles | {smallQueries} | |");
        Console.WriteLine($"| queries, {size:N0} vehicles | {largeQueries} | |");
        Console.WriteLine($"Counts: {dashboard.Counts}; {dashboard.Alarms?.Total} active alarms; {dashboard.TotalMiles:N0} mi");
        var equal = smallQueries.Database == largeQueries.Database && smallQueries.Telemetry == largeQueries.Telemetry;
        Console.WriteLine(portal.P95 < 500 && equal ? "Target met: p95 under 500 ms, queries independent of fleet size"
            : "TARGET MISSED: p95 under 500 ms, queries independent of fleet size");
        run.Figure("vehicles", size);
        run.Figure("small_vehicles", smallSize);
        run.Figure("p50_ms", portal.P50);
        run.Figure("p95_ms", portal.P95);
        run.Figure("raw_p95_ms", raw.P95);
        run.Figure("p95_ratio", portal.P95 / raw.P95);
        run.Figure("pg_queries_small", smallQueries.Database);
        run.Figure("pg_queries_large", largeQueries.Database);
        run.Figure("influx_queries_small", smallQueries.Telemetry);
        run.Figure("influx_queries_large", largeQueries.Telemetry);
        if (!equal)
            throw new InvalidOperationException($"The dashboard's queries depend on the fleet's size: {smallQueries} against {largeQueries}.");
    }

    private static async Task<QueryMeter.Counts> CountAsync(IServiceProvider services, int fleetId)
    {
        await using var scope = services.CreateAsyncScope();
        var counts = QueryMeter.Start();
        await scope.ServiceProvider.GetRequiredService<GetFleetDashboard>().HandleAsync(fleetId);
        QueryMeter.Stop();
        return counts;
    }

    private sealed record SeededFleet(int Id, IReadOnlyList<string> Vins);

    /// <summary>
    /// A fleet whose vehicles each sent one latest report: a quarter moving, charging, parked and silent for two days;
    /// half record GPS, each has an intake last-seen row, and one in fifty an active alarm.
    /// </summary>
    private static async Task<SeededFleet> SeedFleetAsync(IServiceProvider services, string name, char letter, int count)
    {
        var vins = Enumerable.Range(1, count).Select(i => DemoData.MakeVin(letter, 'R', i)).ToList();
        var now = DateTimeOffset.UtcNow;
        var fleet = new Fleet { Name = name };
        await using (var db = await services.GetRequiredService<IDbContextFactory<ArcDbContext>>().CreateDbContextAsync())
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Add(fleet);
            var rule = new AlarmRule { Name = name + " rule", Kind = AlarmRuleKinds.FaultPoint, Severity = AlarmSeverities.Major, Point = "hv_fault", Created = now, Updated = now };
            db.Add(rule);
            await db.SaveChangesAsync();
            for (var i = 0; i < count; i++)
            {
                db.Add(new Vehicle { Vin = vins[i], Created = now });
                db.Add(new FleetVehicle { Vin = vins[i], FleetId = fleet.Id });
                db.Add(new IntakeVehicleStats { Vin = vins[i], LastSeen = now.AddMinutes(-(i % 4 == 3 ? 2880 : 1)) });
                if (i % 2 == 0)
                    db.Add(new VehicleMeta { Vin = vins[i], Section = "privacy", Key = "record_gps", Value = "true" });
                if (i % 50 == 0)
                    db.Add(new Alarm { RuleId = rule.Id, Vin = vins[i], Severity = rule.Severity, RaisedAt = now.AddMinutes(-i % 600), Value = 1, Details = "hv_fault reported 1" });
            }
            await db.SaveChangesAsync();
        }
        var store = services.GetRequiredService<ITelemetryStore>();
        foreach (var chunk in vins.Select((vin, i) => new TelemetrySample(vin, now.AddMinutes(-(i % 4 == 3 ? 2880 : 1)), new Dictionary<string, double>
        {
            ["speed"] = i % 4 == 0 ? 30 + i % 40 : 0, ["bms_pack_current"] = i % 4 == 1 ? 40 : i % 4 == 0 ? -60 : 0, ["bms_pack_soc"] = i % 101,
            ["odometer"] = 1000 + i % 5000, ["gps_latitude"] = 44 + i % 1000 / 10_000.0, ["gps_longitude"] = -123 - i % 997 / 10_000.0,
        })).Chunk(5_000))
            await store.WriteAsync(chunk);
        return new SeededFleet(fleet.Id, vins);
    }

    /// <summary>The same rows read by hand: the fleet's vehicles with what the table shows and their latest values, and the alarm counts.</summary>
    private static async Task RawAsync(string connectionString, int fleetId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand(
            "SELECT v.vin, m.model_name, s.last_seen, EXISTS (SELECT 1 FROM main.vehicle_meta x WHERE x.vin = v.vin AND x.section = 'privacy' " +
            "AND x.key = 'record_gps' AND lower(x.value) = 'true'), l.soc, l.soc_at, l.odometer_km, l.odometer_at, l.latitude, l.latitude_at, " +
            "l.longitude, l.longitude_at, l.speed_kmh, l.speed_at, l.pack_current_a, l.pack_current_at " +
            "FROM main.vehicle_join_vehicle_group f JOIN main.vehicle v ON v.vin = f.vin " +
            "LEFT JOIN main.vehicle_model_release r ON r.model_release_id = v.model_release_id LEFT JOIN main.vehicle_model m ON m.id = r.model_id " +
            "LEFT JOIN intake.vehicle_stats s ON s.vin = v.vin LEFT JOIN main.vehicle_latest_telemetry l ON l.vin = v.vin " +
            "WHERE f.group_id = $1 ORDER BY v.vin", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = fleetId });
            await using var reader = await command.ExecuteReaderAsync();
            var values = new object[16];
            while (await reader.ReadAsync())
                reader.GetValues(values);
        }
        await using var alarms = new NpgsqlCommand("SELECT a.vin, count(*) FROM main.alarm a JOIN main.vehicle_join_vehicle_group f ON f.vin = a.vin " +
                                                  "WHERE f.group_id = $1 AND a.cleared_at IS NULL GROUP BY a.vin", connection);
        alarms.Parameters.Add(new NpgsqlParameter { Value = fleetId });
        await using var rows = await alarms.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
        }
    }

    private sealed class Reader : ICurrentUser
    {
        private static readonly IReadOnlySet<string> Permissions = new HashSet<string> { Perm.VehicleRead, Perm.AlarmRead };

        public Task<string?> GetUsernameAsync(CancellationToken ct = default) => Task.FromResult<string?>("bench");

        public Task<IReadOnlySet<string>> GetPermissionsAsync(CancellationToken ct = default) => Task.FromResult(Permissions);
    }
}
