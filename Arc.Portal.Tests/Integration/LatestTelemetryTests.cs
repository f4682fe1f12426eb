using Arc.Domain.Common;
using Arc.Domain.Telemetry;
using Arc.Infrastructure.Persistence;
using Arc.Infrastructure.Telemetry;
using Arc.Portal.Tests.Integration.Intake;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Arc.Portal.Tests.Support.DashboardTestData;

namespace Arc.Portal.Tests.Integration;

/// <summary>
/// The latest-telemetry read model on real PostgreSQL and InfluxDB: fed by every write, never moved back by a late point,
/// shared between nodes through its table, and filled from InfluxDB once for vehicles it has not seen.
/// </summary>
public sealed class LatestTelemetryTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private LatestTelemetryTable Table => portal.Services.GetRequiredService<LatestTelemetryTable>();

    /// <summary>Another portal node on the same database and InfluxDB, with nothing in memory.</summary>
    private LatestTelemetryTable OtherNode() => new(portal.Services.GetRequiredService<IDbContextFactory<ArcDbContext>>(),
        portal.Services.GetRequiredService<InfluxTelemetryStore>(), TimeProvider.System);

    private async Task<LatestTelemetryRow?> StoredAsync(string vin)
    {
        await using var db = portal.CreateDb();
        return await db.Set<LatestTelemetryRow>().AsNoTracking().SingleOrDefaultAsync(r => r.Vin == vin);
    }

    [Fact]
    public async Task A_written_report_is_read_at_once_and_stored_with_the_next_flush_for_every_node()
    {
        var vin = await IntakeTestData.NewVehicleAsync(portal);
        var at = DateTimeOffset.UtcNow.AddSeconds(-10);
        await ReportAsync(portal, vin, new(at, Speed: 42, PackCurrent: -70, Soc: 61, OdometerKm: 1234, Latitude: 44.5, Longitude: -123.25));

        var read = Assert.Single(await Table.ActivityAsync([vin]));
        Assert.Equal(new VehicleLatestState(vin, 61, 1234, 44.5, -123.25, read.LastReport, 42, -70), read);
        Assert.Equal(at.ToUnixTimeMilliseconds(), read.LastReport!.Value.ToUnixTimeMilliseconds());

        await Table.FlushAsync(CancellationToken.None);
        var row = await StoredAsync(vin);
        Assert.NotNull(row);
        Assert.Equal((61.0, 1234.0, -70.0), (row.Soc, row.OdometerKm, row.PackCurrentA));
        using var other = OtherNode();
        var counts = QueryMeter.Start();
        Assert.Equal(read, Assert.Single(await other.ActivityAsync([vin])));
        QueryMeter.Stop();
        Assert.Equal(0, counts.Telemetry);
    }

    [Fact]
    public async Task A_late_point_never_replaces_a_newer_value_in_memory_or_in_the_table()
    {
        var vin = await IntakeTestData.NewVehicleAsync(portal);
        var now = DateTimeOffset.UtcNow;
        await ReportAsync(portal, vin, new(now.AddMinutes(-1), Soc: 50, OdometerKm: 900));
        await ReportAsync(portal, vin, new(now.AddMinutes(-5), Soc: 80, OdometerKm: 800, Speed: 12));
        var inMemory = Assert.Single(await Table.ActivityAsync([vin]));
        Assert.Equal((50.0, 900.0, 12.0), (inMemory.Soc, inMemory.OdometerKm, inMemory.SpeedKmh));

        await Table.FlushAsync(CancellationToken.None);
        // Late again, after the newer values were stored: the table keeps them.
        await ReportAsync(portal, vin, new(now.AddMinutes(-3), Soc: 70, Speed: 30));
        await Table.FlushAsync(CancellationToken.None);
        using var other = OtherNode();
        var stored = Assert.Single(await other.ActivityAsync([vin]));
        Assert.Equal((50.0, 900.0, 30.0), (stored.Soc, stored.OdometerKm, stored.SpeedKmh));
        Assert.Equal(now.AddMinutes(-1).ToUnixTimeMilliseconds(), stored.LastReport!.Value.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task Telemetry_written_before_the_read_model_is_found_in_InfluxDB_once_and_a_silent_vehicle_is_remembered_too()
    {
        var reported = await IntakeTestData.NewVehicleAsync(portal);
        var silent = await IntakeTestData.NewVehicleAsync(portal);
        var at = DateTimeOffset.UtcNow.AddMinutes(-2);
        // Straight into InfluxDB, past the read model, as data from before it existed.
        await portal.Services.GetRequiredService<InfluxTelemetryStore>().WriteAsync(
            [new TelemetrySample(reported, at, new Dictionary<string, double> { ["bms_pack_soc"] = 33, ["speed"] = 0 })]);
        using var node = OtherNode();

        var first = QueryMeter.Start();
        var states = await node.ActivityAsync([reported, silent]);
        QueryMeter.Stop();
        Assert.Equal(1, first.Telemetry);
        Assert.Equal((33.0, 0.0), (states[0].Soc, states[0].SpeedKmh));
        Assert.Equal(new VehicleLatestState(silent, null, null, null, null, null), states[1]);

        var again = QueryMeter.Start();
        Assert.Equal(states, await node.ActivityAsync([reported, silent]));
        QueryMeter.Stop();
        Assert.Equal(0, again.Telemetry);

        // Once stored, a node that never saw either asks InfluxDB for neither.
        await node.FlushAsync(CancellationToken.None);
        Assert.NotNull(await StoredAsync(silent));
        using var third = OtherNode();
        var stored = QueryMeter.Start();
        Assert.Equal(states, await third.ActivityAsync([reported, silent]));
        QueryMeter.Stop();
        Assert.Equal(0, stored.Telemetry);
    }

    [Fact]
    public async Task A_flush_that_fails_while_the_database_is_down_keeps_its_values_for_the_next_one()
    {
        var vin = await IntakeTestData.NewVehicleAsync(portal);
        var at = DateTimeOffset.UtcNow.AddSeconds(-5);
        var database = new DownOnce(portal.Services.GetRequiredService<IDbContextFactory<ArcDbContext>>(), StubPeer.DeadUrl().Port);
        using var node = new LatestTelemetryTable(database, portal.Services.GetRequiredService<InfluxTelemetryStore>(), TimeProvider.System);
        node.Observe([new TelemetrySample(vin, at, new Dictionary<string, double> { ["bms_pack_soc"] = 12 })]);

        await Assert.ThrowsAnyAsync<Exception>(() => node.FlushAsync(CancellationToken.None));
        Assert.Null(await StoredAsync(vin));
        // A newer report folded while the database was down is kept along with the older one's other values.
        node.Observe([new TelemetrySample(vin, at.AddSeconds(1), new Dictionary<string, double> { ["speed"] = 5 })]);
        await node.FlushAsync(CancellationToken.None);

        var row = await StoredAsync(vin);
        Assert.Equal((12.0, 5.0), (row!.Soc, row.SpeedKmh));
    }

    /// <summary>The portal's database, unreachable for the first context asked for (a closed port), then itself again.</summary>
    private sealed class DownOnce(IDbContextFactory<ArcDbContext> real, int deadPort) : IDbContextFactory<ArcDbContext>
    {
        private int _calls;

        public ArcDbContext CreateDbContext()
        {
            if (Interlocked.Increment(ref _calls) > 1)
                return real.CreateDbContext();
            var options = new DbContextOptionsBuilder<ArcDbContext>()
                .UseNpgsql($"Host=127.0.0.1;Port={deadPort};Username=arc;Password=unused;Timeout=2").UseSnakeCaseNamingConvention().Options;
            return new ArcDbContext(options);
        }
    }
}
