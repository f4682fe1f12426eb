using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Jobs;
using Arc.Domain.Telemetry;
using Arc.Infrastructure;
using Arc.Infrastructure.Seeding;
using Arc.Infrastructure.Telemetry;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Arc.Portal.Tests.Integration;

public sealed class TelemetryExportTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private async Task<TelemetryExport> AddExportAsync(string vin, string points, string actor)
    {
        await using var db = portal.CreateDb();
        var now = DateTimeOffset.UtcNow;
        var export = new TelemetryExport { Vin = vin, Points = points, From = now.AddHours(-2), To = now, Actor = actor, Created = now };
        db.ExportSet.Add(export);
        await db.SaveChangesAsync();
        return export;
    }

    private async Task<TelemetryExport> ReadAsync(long id)
    {
        await using var db = portal.CreateDb();
        return await db.ExportSet.AsNoTracking().SingleAsync(e => e.Id == id);
    }

    /// <summary>The real InfluxDB adapter, pointed at a port where nothing listens.</summary>
    private static (InfluxTelemetryStore Store, ServiceProvider Services) UnreachableStore()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var services = new ServiceCollection();
        services.AddHttpClient(InfrastructureServiceCollectionExtensions.TelemetryClient, c => c.BaseAddress = new Uri($"http://127.0.0.1:{port}/"));
        var provider = services.BuildServiceProvider();
        return (new InfluxTelemetryStore(provider.GetRequiredService<IHttpClientFactory>(), Options.Create(new TelemetryOptions { Url = new Uri($"http://127.0.0.1:{port}/") })),
            provider);
    }

    [Fact]
    public async Task An_export_the_telemetry_store_cannot_serve_fails_with_a_plain_message_and_a_reference()
    {
        var admin = await portal.AdminUsernameAsync();
        var export = await AddExportAsync("DEV-" + DemoData.MakeVin('D', 'M', 82), "speed", admin);
        var (store, services) = UnreachableStore();
        await using (services)
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var job = new RunTelemetryExport(portal.Services.GetRequiredService<IArcDataFactory>(), store,
                scope.ServiceProvider.GetRequiredService<UserSafeErrors>(), TimeProvider.System);
            await job.RunAsync(export.Id, CancellationToken.None);
        }

        var failed = await ReadAsync(export.Id);
        var error = failed.Error ?? "";
        Assert.Equal(BackfillStatus.Failed, failed.Status);
        Assert.Null(failed.Content);
        Assert.StartsWith("The telemetry store cannot be reached right now; try again later (reference ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("refused", error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("127.0.0.1", error, StringComparison.Ordinal);
        // The detail is in the log, under the same reference.
        var reference = error[(error.IndexOf("(reference ", StringComparison.Ordinal) + 11)..^2];
        Assert.Contains(portal.Log.Entries, e => e.Contains(reference, StringComparison.Ordinal) && e.Contains("HttpRequestException", StringComparison.Ordinal));

        // Asking for the file says the same, in the same words.
        await using var user = await portal.AsUserAsync(admin);
        var download = await Assert.ThrowsAsync<ConflictException>(() => user.ServiceProvider.GetRequiredService<DownloadTelemetryExport>().HandleAsync(export.Id));
        Assert.Contains(error, download.Message, StringComparison.Ordinal);
    }

    private async Task RunJobAsync(string kind, long subject)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetServices<IBackgroundJob>().Single(j => j.Kind == kind).RunAsync(subject, CancellationToken.None);
    }

    private static async Task<string[]> LinesAsync(byte[] gzip)
    {
        using var reader = new StreamReader(new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress));
        return (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task A_vehicle_that_does_not_record_gps_cannot_be_asked_for_gps_points()
    {
        var vin = "DEV-" + DemoData.MakeVin('R', 'P', 124); // a demo vehicle that does not record its position
        var now = DateTimeOffset.UtcNow;
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        var exports = scope.ServiceProvider.GetRequiredService<RequestTelemetryExport>();
        var list = scope.ServiceProvider.GetRequiredService<ListTelemetryExports>();
        var before = (await list.HandleAsync(vin)).Count;

        foreach (var points in new[] { new[] { "speed", "gps_latitude" }, ["gps_longitude"], ["gps_altitude", "bms_pack_soc"] })
        {
            var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => exports.HandleAsync(vin, points, now.AddHours(-1), now));
            Assert.True(refused.Errors.ContainsKey("points"));
            Assert.Contains("does not record its position", refused.Message, StringComparison.Ordinal);
        }
        Assert.Equal(before, (await list.HandleAsync(vin)).Count);
    }

    [Fact]
    public async Task An_export_made_after_gps_recording_was_switched_off_holds_no_gps_points()
    {
        var vin = "DEV-" + DemoData.MakeVin('F', 'M', 110); // records its position until the test switches it off
        var admin = await portal.AdminUsernameAsync();
        var now = DateTimeOffset.UtcNow;
        var samples = Enumerable.Range(1, 30).Select(i => new TelemetrySample(vin, now.AddMinutes(-i),
            new Dictionary<string, double> { ["speed"] = 40 + i, ["gps_latitude"] = 44.0521, ["gps_longitude"] = -123.0868, ["gps_altitude"] = 131 })).ToList();
        await portal.Services.GetRequiredService<ITelemetryStore>().WriteAsync(samples);
        const string points = "speed,gps_latitude,gps_longitude,gps_altitude";

        // While the vehicle records GPS, the position is in the file: the check below can fail.
        var recorded = await AddExportAsync(vin, points, admin);
        await RunJobAsync(RequestTelemetryExport.JobKind, recorded.Id);
        var withGps = await LinesAsync((await ReadAsync(recorded.Id)).Content!);
        Assert.Equal("time," + points, withGps[0]);
        Assert.Contains(withGps, l => l.Contains("44.0521", StringComparison.Ordinal));

        await using (var db = portal.CreateDb())
            await db.VehicleMetaSet.Where(m => m.Vin == vin && m.Section == "privacy" && m.Key == "record_gps").ExecuteUpdateAsync(s => s.SetProperty(m => m.Value, "false"));
        var queued = await AddExportAsync(vin, points, admin);
        await RunJobAsync(RequestTelemetryExport.JobKind, queued.Id);

        var done = await ReadAsync(queued.Id);
        Assert.Equal(BackfillStatus.Done, done.Status);
        Assert.Equal("speed", done.Points);
        var lines = await LinesAsync(done.Content!);
        Assert.Equal("time,speed", lines[0]);
        Assert.Equal(30, lines.Length - 1);
        Assert.All(lines, l => Assert.DoesNotContain("44.0521", l, StringComparison.Ordinal));
        Assert.All(lines, l => Assert.DoesNotContain("-123.0868", l, StringComparison.Ordinal));

        // Only position points asked for: nothing to export, and the export says why.
        var gpsOnly = await AddExportAsync(vin, "gps_latitude,gps_longitude", admin);
        await RunJobAsync(RequestTelemetryExport.JobKind, gpsOnly.Id);
        var failed = await ReadAsync(gpsOnly.Id);
        Assert.Equal(BackfillStatus.Failed, failed.Status);
        Assert.Null(failed.Content);
        Assert.Contains("does not record its position", failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_files_expire_after_seven_days_and_the_export_says_so()
    {
        var vin = "DEV-" + DemoData.MakeVin('D', 'M', 82);
        var admin = await portal.AdminUsernameAsync();
        var now = DateTimeOffset.UtcNow;
        long old, recent;
        await using (var db = portal.CreateDb())
        {
            var content = new byte[] { 0x1f, 0x8b, 1, 2, 3 };
            var oldExport = new TelemetryExport
            {
                Vin = vin, Points = "speed", From = now.AddDays(-9), To = now.AddDays(-8), Actor = admin,
                Created = now.AddDays(-8), Finished = now.AddDays(-8), Status = BackfillStatus.Done, Rows = 5, Content = content
            };
            var recentExport = new TelemetryExport
            {
                Vin = vin, Points = "speed", From = now.AddDays(-7), To = now.AddDays(-6), Actor = admin,
                Created = now.AddDays(-6), Finished = now.AddDays(-6), Status = BackfillStatus.Done, Rows = 5, Content = content
            };
            db.ExportSet.AddRange(oldExport, recentExport);
            await db.SaveChangesAsync();
            (old, recent) = (oldExport.Id, recentExport.Id);
        }
        Assert.Equal(TimeSpan.FromDays(7), portal.Services.GetRequiredService<TelemetryExportOptions>().Retention);

        await RunJobAsync(ExpireTelemetryExports.JobKind, 0);

        var expired = await ReadAsync(old);
        Assert.Equal(BackfillStatus.Expired, expired.Status);
        Assert.Null(expired.Content);
        Assert.Equal(5, expired.Rows); // the record of the export stays
        var kept = await ReadAsync(recent);
        Assert.Equal((BackfillStatus.Done, 5), (kept.Status, kept.Content!.Length));

        await using var user = await portal.AsUserAsync(admin);
        var list = user.ServiceProvider.GetRequiredService<ListTelemetryExports>();
        var listed = (await list.HandleAsync(vin)).Single(e => e.Id == old);
        Assert.Equal((BackfillStatus.Expired, false), (listed.Status, listed.Ready));
        var download = await Assert.ThrowsAsync<ConflictException>(() => user.ServiceProvider.GetRequiredService<DownloadTelemetryExport>().HandleAsync(old));
        Assert.Contains("expired", download.Message, StringComparison.Ordinal);
        await using (var db = portal.CreateDb())
        {
            var audit = await db.AuditSet.SingleAsync(a => a.Action == AuditActions.TelemetryExportExpired && a.Summary.Contains($"\"export\":{old},"));
            Assert.Equal((AuditTrail.SystemActor, vin), (audit.Actor, audit.EntityId));
            Assert.False(await db.AuditSet.AnyAsync(a => a.Action == AuditActions.TelemetryExportExpired && a.Summary.Contains($"\"export\":{recent},")));
        }

        // A second run finds nothing more to do.
        await RunJobAsync(ExpireTelemetryExports.JobKind, 0);
        Assert.Equal(BackfillStatus.Done, (await ReadAsync(recent)).Status);
    }

    [Fact]
    public async Task Expiry_is_a_recurring_job_of_the_portal()
    {
        await using var db = portal.CreateDb();
        var ids = await db.Database.SqlQueryRaw<string>("SELECT value AS \"Value\" FROM hangfire.set WHERE key = 'recurring-jobs'").ToListAsync();
        Assert.Contains(ExpireTelemetryExports.JobKind, ids);
    }
}
