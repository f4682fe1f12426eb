using System.Diagnostics;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;
using Arc.Infrastructure.DevServices;
using Arc.Infrastructure.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Arc.Bench;

/// <summary>
/// The vehicle list at 100,000 vehicles: the ListVehicles use case (permission check, EF Core query, count and page)
/// against the same two statements sent as raw SQL through Npgsql, in the same run on the same server.
/// </summary>
public static class VehicleListBenchmark
{
    private sealed record Case(string Name, string Figure, ListVehiclesQuery Query, string Where, string OrderBy, object?[] Parameters);

    public static async Task RunAsync(BenchRun run)
    {
        var vehicles = (int)run.Size(100_000, 2_000);
        var (warmup, iterations) = run.Pick((30, 300), (3, 20));
        var directory = BenchRun.TempDirectory();
        await using var servers = await EmbeddedServers.StartAsync(directory, postgres: true, influx: false,
            new DevServicesOptions { PostgresPort = 0, Database = "arc_bench" }, throwAway: true);
        var connection = servers.Postgres!.ConnectionString;
        await using var app = await BenchHost.StartAsync(connection, services => services.AddSingleton<ICurrentUser>(new Reader()));

        var seedClock = Stopwatch.StartNew();
        await SeedAsync(connection, vehicles);
        Console.WriteLine($"Seeded {vehicles:N0} vehicles in {seedClock.Elapsed.TotalSeconds:F1} s");

        var cases = new[]
        {
            new Case("first page, sorted by VIN", "first_page", new ListVehiclesQuery(), "", "v.vin", []),
            new Case("VIN contains 'R0123', sorted by VIN", "vin_contains", new ListVehiclesQuery(VinContains: "R0123"),
                "WHERE v.vin LIKE '%' || $1 || '%'", "v.vin", ["R0123"]),
            new Case("model FUV, newest first", "model_newest", new ListVehiclesQuery(ModelId: 1, SortBy: VehicleSort.Created, Descending: true),
                "WHERE r.model_id = $1", "v.created DESC, v.vin", [1]),
            new Case("fleet 2, sorted by VIN", "fleet", new ListVehiclesQuery(FleetId: 2),
                "WHERE EXISTS (SELECT 1 FROM main.vehicle_join_vehicle_group f WHERE f.group_id = $1 AND f.vin = v.vin)", "v.vin", [2]),
        };

        Console.WriteLine();
        Console.WriteLine($"| case | portal p50 ms | portal p95 ms | raw SQL p50 ms | raw SQL p95 ms | p95 ratio |");
        Console.WriteLine($"|---|---|---|---|---|---|");
        var failed = false;
        var figures = new List<(string Name, (double P50, double P95) Portal, (double P50, double P95) Raw)>();
        foreach (var c in cases)
        {
            var portal = await Timing.MeasureAsync(warmup, iterations, async () =>
            {
                await using var scope = app.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ListVehicles>().HandleAsync(c.Query);
            });
            var rawTimes = await Timing.MeasureAsync(warmup, iterations, () => RawAsync(connection, c));
            var ratio = portal.P95 / rawTimes.P95;
            Console.WriteLine($"| {c.Name} | {portal.P50:F2} | {portal.P95:F2} | {rawTimes.P50:F2} | {rawTimes.P95:F2} | {ratio:F2} |");
            figures.Add((c.Figure, portal, rawTimes));
            if (portal.P95 > 50 || ratio > 2)
                failed = true;
        }
        Console.WriteLine();
        Console.WriteLine(failed ? "TARGET MISSED: p95 under 50 ms and within 2x of raw SQL" : "Target met: p95 under 50 ms and within 2x of raw SQL");
        run.Figure("vehicles", vehicles);
        foreach (var (name, portal, raw) in figures)
        {
            run.Figure($"{name}_p50_ms", portal.P50);
            run.Figure($"{name}_p95_ms", portal.P95);
            run.Figure($"{name}_raw_p95_ms", raw.P95);
            run.Figure($"{name}_p95_ratio", portal.P95 / raw.P95);
        }
    }

    private static async Task<int> RawAsync(string connectionString, Case c)
    {
        // A fresh pooled connection per call, as the use case gets from its DbContext.
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        const string from = "FROM main.vehicle v LEFT JOIN main.vehicle_model_release r ON r.model_release_id = v.model_release_id " +
                            "LEFT JOIN main.vehicle_model m ON m.id = r.model_id ";
        await using (var count = new NpgsqlCommand($"SELECT count(*) {from}{c.Where}", connection))
        {
            foreach (var p in c.Parameters)
                count.Parameters.Add(new NpgsqlParameter { Value = p });
            await count.ExecuteScalarAsync();
        }
        await using var page = new NpgsqlCommand(
            $"SELECT v.vin, m.model_name, r.description, v.model_release_id, v.created {from}{c.Where} ORDER BY {c.OrderBy} LIMIT 20 OFFSET 0",
            connection);
        foreach (var p in c.Parameters)
            page.Parameters.Add(new NpgsqlParameter { Value = p });
        var rows = 0;
        await using var reader = await page.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows++;
        return rows;
    }

    private static async Task SeedAsync(string connectionString, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var fleets = new NpgsqlCommand("INSERT INTO main.vehicle_group (name) VALUES ('Bench A'), ('Bench B'), ('Bench C')", connection))
            await fleets.ExecuteNonQueryAsync();
        var letters = new[] { 'T', 'C', 'D', 'E', 'F', 'R', 'B' };
        var years = "HJKLMNPRST";
        var start = new DateTime(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var vins = new List<string>(count);
        await using (var import = await connection.BeginBinaryImportAsync("COPY main.vehicle (vin, created, model_release_id) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < count; i++)
            {
                var letterIndex = i % letters.Length;
                var vin = DemoData.MakeVin(letters[letterIndex], years[i / 100_000 % years.Length], i % 100_000);
                vins.Add(vin);
                await import.StartRowAsync();
                await import.WriteAsync(vin, NpgsqlDbType.Text);
                await import.WriteAsync(start.AddMinutes(i * 7), NpgsqlDbType.TimestampTz);
                await import.WriteAsync(letterIndex * 3 + 1 + i % 3, NpgsqlDbType.Integer);
            }
            await import.CompleteAsync();
        }
        await using (var import = await connection.BeginBinaryImportAsync("COPY main.vehicle_join_vehicle_group (vin, group_id) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < vins.Count; i++)
            {
                await import.WriteRowAsync(default, vins[i], 1);
                await import.WriteRowAsync(default, vins[i], 2 + i % 3);
            }
            await import.CompleteAsync();
        }
        await using var analyze = new NpgsqlCommand("ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    private sealed class Reader : ICurrentUser
    {
        private static readonly IReadOnlySet<string> Permissions = new HashSet<string> { Perm.VehicleRead };

        public Task<string?> GetUsernameAsync(CancellationToken ct = default) => Task.FromResult<string?>("bench");

        public Task<IReadOnlySet<string>> GetPermissionsAsync(CancellationToken ct = default) => Task.FromResult(Permissions);
    }
}
