using System.Diagnostics;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Recalls;
using Arc.Domain.Vehicles;
using Arc.Infrastructure.DevServices;
using Arc.Infrastructure.Persistence;
using Arc.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Arc.Bench;

/// <summary>
/// The public recall lookup over 100,000 vehicles, 50 recalls and 1,000,000 vehicle entries (each vehicle in ten recalls,
/// a quarter of its entries remedied): the GetPublicRecalls use case, uncached (what a request costs when the memory
/// has no answer), against the same two statements sent as raw SQL through Npgsql, for random VINs. Then the time
/// AddRecallVehicles takes to add every vehicle to a new recall from a CSV text (check, copy-in, notes, audit, stamp).
/// </summary>
public static class RecallLookupBenchmark
{
    private const int Recalls = 50;

    public static async Task RunAsync(BenchRun run)
    {
        var size = (int)run.Size(100_000, 2_000);
        var (warmup, iterations) = run.Pick((50, 1000), (20, 60));
        await using var servers = await EmbeddedServers.StartAsync(BenchRun.TempDirectory(), postgres: true, influx: false,
            new DevServicesOptions { PostgresPort = 0, Database = "arc_bench" }, throwAway: true);
        var connection = servers.Postgres!.ConnectionString;
        await using var app = await BenchHost.StartAsync(connection, services => services.AddSingleton<ICurrentUser>(new RecallDesk()));

        var seedClock = Stopwatch.StartNew();
        var vins = Enumerable.Range(0, size).Select(i => DemoData.MakeVin(i < 50_000 ? 'R' : 'S', 'R', i % 50_000 + 1)).ToList();
        var entries = await SeedAsync(app.Services, connection, vins);
        Console.WriteLine($"Seeded {size:N0} vehicles, {Recalls} recalls and {entries:N0} vehicle entries in {seedClock.Elapsed.TotalSeconds:F1} s");

        var random = new Random(7);
        var answered = 0;
        var portal = await Timing.MeasureAsync(warmup, iterations, async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            answered += (await scope.ServiceProvider.GetRequiredService<GetPublicRecalls>().HandleAsync(vins[random.Next(size)])).Recalls.Count;
        });
        var raw = await Timing.MeasureAsync(warmup, iterations, () => RawAsync(connection, vins[random.Next(size)]));
        if (answered == 0)
            throw new InvalidOperationException("The lookup answered no recall for any VIN.");

        var csv = "vin,dealer\n" + string.Join("\n", vins.Select(v => v + ",Bench Motors"));
        int recallId;
        await using (var scope = app.Services.CreateAsyncScope())
            recallId = await scope.ServiceProvider.GetRequiredService<CreateRecall>().HandleAsync(
                new RecallDraft("Bench bulk recall", "Every vehicle.", "20V999000", SafetyRecall: false));
        var addClock = Stopwatch.StartNew();
        int added;
        await using (var scope = app.Services.CreateAsyncScope())
            added = await scope.ServiceProvider.GetRequiredService<AddRecallVehicles>().HandleAsync(recallId, csv);
        var addSeconds = addClock.Elapsed.TotalSeconds;
        if (added != size)
            throw new InvalidOperationException($"Added {added} of {size} vehicles.");

        Console.WriteLine();
        Console.WriteLine("| figure | portal | raw SQL |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| lookup p50 ms | {portal.P50:F2} | {raw.P50:F2} |");
        Console.WriteLine($"| lookup p95 ms | {portal.P95:F2} | {raw.P95:F2} |");
        Console.WriteLine($"| add {size:N0} VINs from CSV, s | {addSeconds:F1} | |");
        var met = portal.P95 < 20 && portal.P95 <= 2 * raw.P95 && addSeconds < 30;
        Console.WriteLine(met ? "Target met: lookup p95 under 20 ms and within 2x of raw SQL; the CSV added in under 30 s"
            : "TARGET MISSED: lookup p95 under 20 ms and within 2x of raw SQL; the CSV added in under 30 s");
        run.Figure("vehicles", size);
        run.Figure("entries", entries);
        run.Figure("lookup_p50_ms", portal.P50);
        run.Figure("lookup_p95_ms", portal.P95);
        run.Figure("raw_p95_ms", raw.P95);
        run.Figure("lookup_p95_ratio", portal.P95 / raw.P95);
        run.Figure("add_csv_s", addSeconds);
    }

    /// <summary>Vehicles copied in, fifty recalls with remedies, and each vehicle in every fifth recall, a quarter of those remedied.</summary>
    private static async Task<long> SeedAsync(IServiceProvider services, string connectionString, IReadOnlyList<string> vins)
    {
        var now = DateTimeOffset.UtcNow;
        await using (var data = services.GetRequiredService<Arc.Domain.Common.IArcDataFactory>().Open())
        {
            data.AddMany(vins.Select(v => new Vehicle { Vin = v, Created = now }).ToList());
            await data.SaveChangesAsync();
        }
        await using (var db = await services.GetRequiredService<IDbContextFactory<ArcDbContext>>().CreateDbContextAsync())
        {
            for (var i = 1; i <= Recalls; i++)
            {
                var recall = new Recall
                {
                    Title = $"Bench recall {i}", Description = $"Defect {i} may cause a fault.", NhtsaNumber = $"21V{i:D3}000", CreatedBy = "bench",
                    CreatedAt = now, Component = "Electrical", SafetyRecall = true, SafetyDescription = "Risk of a crash.",
                    ReportSubmittedDate = new DateOnly(2021, 1, 1).AddDays(i), ParkOutside = i % 7 == 0,
                };
                db.Add(recall);
                await db.SaveChangesAsync();
                db.Add(new RecallRemedy { RecallId = recall.Id, Description = $"Remedy {i}", Type = (RemedyType)(i % 3), Date = now });
            }
            db.Add(new RecallDataUpdate { UpdatedAt = now });
            await db.SaveChangesAsync();
        }
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO main.vehicle_recalls (recall_id, vin, status, service_date, added_at, added_by)
            SELECT r.id, v.vin, CASE WHEN (v.n + r.id) % 4 = 0 THEN 'Remedied' ELSE 'Open' END,
                   CASE WHEN (v.n + r.id) % 4 = 0 THEN date '2024-01-01' END, now(), 'bench'
            FROM (SELECT vin, row_number() OVER (ORDER BY vin) AS n FROM main.vehicle) v JOIN main.recalls r ON v.n % 5 = r.id % 5;
            ANALYZE main.vehicle_recalls;
            """, connection) { CommandTimeout = 600 };
        await insert.ExecuteNonQueryAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM main.vehicle_recalls", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>The lookup by hand: the VIN's open entries in active recalls with their remedies, and the latest stamp.</summary>
    private static async Task RawAsync(string connectionString, string vin)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT r.nhtsa_number, r.component, r.description, r.safety_description, m.description, r.report_submitted_date, r.do_not_drive, " +
            "r.park_outside, m.type FROM main.vehicle_recalls v JOIN main.recalls r ON r.id = v.recall_id " +
            "LEFT JOIN main.recall_remedies m ON m.recall_id = r.id WHERE v.vin = $1 AND v.status = 'Open' AND r.status = 'Active' " +
            "ORDER BY r.nhtsa_number", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = vin });
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
            }
        }
        await using var stamp = new NpgsqlCommand("SELECT updated_at FROM main.recall_data_updates ORDER BY updated_at DESC LIMIT 1", connection);
        await stamp.ExecuteScalarAsync();
    }

    private sealed class RecallDesk : ICurrentUser
    {
        private static readonly IReadOnlySet<string> Permissions = new HashSet<string> { Perm.RecallCreate, Perm.RecallVehicleAdd };

        public Task<string?> GetUsernameAsync(CancellationToken ct = default) => Task.FromResult<string?>("bench");

        public Task<IReadOnlySet<string>> GetPermissionsAsync(CancellationToken ct = default) => Task.FromResult(Permissions);
    }
}
