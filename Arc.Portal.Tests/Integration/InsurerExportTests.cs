using System.Text.Json;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Email;
using Arc.Domain.InsurerExports;
using Arc.Domain.Jobs;
using Arc.Domain.Telemetry;
using Arc.Infrastructure;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>A portal whose InfluxDB queries are counted, with the local file store in a directory of its own.</summary>
public sealed class InsurerExportPortal : IAsyncLifetime
{
    private readonly List<string> _queries = [];

    public InsurerExportPortal() =>
        Portal.ConfigureServices = services => services.AddHttpClient(InfrastructureServiceCollectionExtensions.TelemetryClient)
            .AddHttpMessageHandler(() => new CountingHandler(this));

    public PortalServer Portal { get; } = new();

    /// <summary>How many InfluxDB queries read odometers over a range so far (nothing else asks for the first odometer).</summary>
    public int OdometerQueries()
    {
        lock (_queries)
            return _queries.Count(q => q.Contains("first(\"last_odometer\")", StringComparison.Ordinal));
    }

    public Task InitializeAsync() => Portal.InitializeAsync();
    public Task DisposeAsync() => Portal.DisposeAsync();

    private sealed class CountingHandler(InsurerExportPortal owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/query", StringComparison.Ordinal) && request.Content is not null)
            {
                var body = System.Net.WebUtility.UrlDecode(await request.Content.ReadAsStringAsync(cancellationToken));
                lock (owner._queries)
                    owner._queries.Add(body);
            }
            return await base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>Issue 15 item 8: the monthly insurer export on real PostgreSQL and InfluxDB, kept in the local file store.</summary>
public sealed class InsurerExportTests(InsurerExportPortal fixture) : IClassFixture<InsurerExportPortal>
{
    private PortalServer Portal => fixture.Portal;

    private async Task<InsurerExportView> RunAsAdminAsync(string month)
    {
        await using var scope = await Portal.AsUserAsync(await Portal.AdminUsernameAsync());
        return await scope.ServiceProvider.GetRequiredService<RunInsurerExport>().HandleAsync(month);
    }

    [Fact]
    public async Task A_month_is_exported_with_start_and_end_miles_the_last_known_odometer_or_unknown_and_announced()
    {
        var month = InsurerExportTestData.MonthBeforeLast();
        var (driven, silent, never) = (FleetTestData.NewVin(), FleetTestData.NewVin(), FleetTestData.NewVin());
        var (_, location, code) = await InsurerExportTestData.CreateCoveredFleetAsync(Portal, [driven, silent, never]);
        await InsurerExportTestData.WriteDownsampledOdometerAsync(Portal, driven, 900, month.Start.AddDays(-5));
        await InsurerExportTestData.WriteDownsampledOdometerAsync(Portal, driven, 1000, month.Start.AddDays(2));
        await InsurerExportTestData.WriteDownsampledOdometerAsync(Portal, driven, 2000, month.End.AddDays(-2));
        await InsurerExportTestData.WriteDownsampledOdometerAsync(Portal, driven, 2500, month.End.AddHours(1)); // next month: not this one's end
        await InsurerExportTestData.WriteDownsampledOdometerAsync(Portal, silent, 800, month.Start.AddDays(-20));
        var queries = fixture.OdometerQueries();

        var queued = await RunAsAdminAsync(month.ToString());
        Assert.Equal(InsurerExportStatus.Queued, queued.Status);
        var export = await InsurerExportTestData.FinishedAsync(Portal, month);

        Assert.True(export.Status == InsurerExportStatus.Done, export.Error);
        Assert.Equal(queries + 1, fixture.OdometerQueries()); // one request for every vehicle, whatever their number
        Assert.Equal($"9a4im0t0-36a1-41b5-92a0-ac660f76c37e/{month.Year:D4}_{month.Month:D2}_dev.json", export.FileKey);
        Assert.Contains(never, export.UnknownVins.Split(','));
        Assert.DoesNotContain(silent, export.UnknownVins.Split(','));

        await using var scope = await Portal.AsUserAsync(await Portal.AdminUsernameAsync());
        var file = await scope.ServiceProvider.GetRequiredService<DownloadInsurerExport>().HandleAsync(export.Id);
        Assert.Equal($"{month.Year:D4}_{month.Month:D2}_dev.json", file.FileName);
        using var json = JsonDocument.Parse(file.Content);
        Assert.Equal(month.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " 00:00:00", json.RootElement.GetProperty("start").GetString());
        var vehicles = json.RootElement.GetProperty("vehicles").EnumerateArray().ToDictionary(v => v.GetProperty("vin").GetString()!);
        var odometer = vehicles[driven].GetProperty("telemetry").GetProperty("odometer");
        Assert.Equal((621.371, 1242.742), (odometer.GetProperty("start").GetDouble(), odometer.GetProperty("end").GetDouble()));
        var kept = vehicles[silent].GetProperty("telemetry").GetProperty("odometer");
        Assert.Equal((497.097, 497.097), (kept.GetProperty("start").GetDouble(), kept.GetProperty("end").GetDouble()));
        Assert.Equal("unknown", vehicles[never].GetProperty("telemetry").GetString());
        var place = vehicles[driven].GetProperty("location");
        Assert.Equal((location, "Eugene", "OR", code), (place.GetProperty("name").GetString(), place.GetProperty("city").GetString(),
            place.GetProperty("state").GetString(), place.GetProperty("location_code").GetString()));
        Assert.Equal(("rental", "670"), (vehicles[driven].GetProperty("coverage").GetString(), vehicles[driven].GetProperty("department_code").GetString()));

        await using var db = Portal.CreateDb();
        var mail = await db.Set<OutboxEmail>().AsNoTracking().Where(e => e.Template == EmailTemplates.InsurerExportComplete).OrderByDescending(e => e.Id).FirstAsync();
        Assert.Equal("yrisk-monthly-export-dev@arcimoto.com", mail.To);
        Assert.Equal("Y-Risk Monthly Vehicles Export Complete - DEV", mail.Subject);
        Assert.Contains(never, mail.Text, StringComparison.Ordinal);
        var id = export.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var actions = await db.Set<AuditEvent>().AsNoTracking().Where(a => a.EntityType == InsurerExportAuditActions.Entity && a.EntityId == id)
            .Select(a => a.Action).ToListAsync();
        Assert.Contains(InsurerExportAuditActions.Requested, actions);
        Assert.Contains(InsurerExportAuditActions.Produced, actions);
        Assert.Contains(InsurerExportAuditActions.Downloaded, actions);
    }

    [Fact]
    public async Task Running_a_month_twice_or_the_schedule_twice_keeps_one_export_and_one_file()
    {
        var start = InsurerExportTestData.MonthBeforeLast().Start.AddMonths(-1);
        var month = new ExportMonth(start.Year, start.Month);
        await RunAsAdminAsync(month.ToString());
        var again = await RunAsAdminAsync(month.ToString()); // while the first is queued or running: nothing more
        var first = await InsurerExportTestData.FinishedAsync(Portal, month);
        Assert.Equal(first.Id, again.Id);
        await RunAsAdminAsync(month.ToString()); // once done: produced again into the same row and file
        var second = await InsurerExportTestData.FinishedAsync(Portal, month);
        Assert.Equal((first.Id, first.FileKey, InsurerExportStatus.Done), (second.Id, second.FileKey, second.Status));

        var previous = ExportMonth.Previous(DateTimeOffset.UtcNow);
        for (var i = 0; i < 2; i++)
        {
            await using var scope = Portal.Services.CreateAsyncScope();
            var schedule = scope.ServiceProvider.GetServices<IBackgroundJob>().Single(j => j.Kind == ScheduleInsurerExport.JobKind);
            await schedule.RunAsync(0, CancellationToken.None);
            await InsurerExportTestData.FinishedAsync(Portal, previous);
        }

        await using var db = Portal.CreateDb();
        Assert.Equal(1, await db.Set<InsurerExport>().CountAsync(e => e.Year == month.Year && e.Month == month.Month));
        Assert.Equal(1, await db.Set<InsurerExport>().CountAsync(e => e.Year == previous.Year && e.Month == previous.Month));
        var files = Directory.GetFiles(Path.Combine(Portal.Mailbox.Directory, "files"), "*.json", SearchOption.AllDirectories);
        Assert.Single(files, f => f.EndsWith($"{month.Year:D4}_{month.Month:D2}_dev.json", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(Path.Combine(Portal.Mailbox.Directory, "files"), "*.partial", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_malformed_or_unfinished_month_is_refused_and_nothing_is_queued()
    {
        await using var db = Portal.CreateDb();
        var before = await db.Set<InsurerExport>().CountAsync();
        var current = DateTimeOffset.UtcNow;
        foreach (var month in new[] { "2026-13", "last month", "", $"{current.Year:D4}-{current.Month:D2}", $"{current.Year + 1:D4}-01" })
            await Assert.ThrowsAsync<ValidationFailedException>(() => RunAsAdminAsync(month));
        Assert.Equal(before, await db.Set<InsurerExport>().CountAsync());
    }

    [Fact]
    public async Task The_range_read_takes_the_earliest_first_and_latest_last_of_raw_and_down_sampled_data_in_one_query()
    {
        var vin = FleetTestData.NewVin();
        var now = DateTimeOffset.UtcNow;
        var store = Portal.Services.GetRequiredService<ITelemetryStore>();
        await store.WriteAsync([
            new TelemetrySample(vin, now.AddDays(-6), new Dictionary<string, double> { ["odometer"] = 100 }),
            new TelemetrySample(vin, now.AddHours(-3), new Dictionary<string, double> { ["odometer"] = 130 }),
            new TelemetrySample(vin, now.AddHours(-1), new Dictionary<string, double> { ["odometer"] = 140 }),
        ]);
        await InsurerExportTestData.WriteDownsampledOdometerAsync(Portal, vin, 110, now.AddDays(-4));
        var queries = fixture.OdometerQueries();

        var readings = await store.RangeOdometersAsync([vin, FleetTestData.NewVin()], now.AddDays(-5), now);

        Assert.Equal(queries + 1, fixture.OdometerQueries());
        var found = Assert.Single(readings).Value;
        Assert.Equal((110.0, 140.0, 100.0), (found.First!.Km, found.Last!.Km, found.Before!.Km));
    }
}
