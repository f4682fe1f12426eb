using Arc.Domain.Permissions;
using Arc.Domain.Telemetry;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;

namespace Arc.Portal.Tests.Components;

public sealed class TelemetryComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    [Fact]
    public void The_chart_draws_one_vertex_per_point_and_says_when_there_is_nothing_to_draw()
    {
        using var ctx = new BunitContext();
        var start = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
        var series = new TelemetrySeries("speed", Enumerable.Range(0, 500).Select(i => new SeriesPoint(start.AddMinutes(i), i % 60)).ToList(), TimeSpan.FromMinutes(1), "30d");

        var cut = ctx.Render<TelemetryChart>(p => p.Add(c => c.Series, series));

        Assert.Equal("500", cut.Find("svg").GetAttribute("data-points"));
        Assert.Equal(500, cut.Find("polyline").GetAttribute("points")!.Split(' ').Length);
        Assert.Contains("2026-11-25 00:00", cut.Markup, StringComparison.Ordinal);

        // A series of whole days is labelled by its days, without a midnight on each.
        var days = new TelemetrySeries("open", Enumerable.Range(0, 10).Select(i => new SeriesPoint(start.AddDays(i), 10 - i)).ToList(), TimeSpan.FromDays(1), "by day");
        var byDay = ctx.Render<TelemetryChart>(p => p.Add(c => c.Series, days));
        Assert.Equal(["2026-11-25", "2026-12-04"], byDay.FindAll("text").Select(t => t.TextContent).Where(t => t.Contains('-', StringComparison.Ordinal)).ToArray());

        var empty = ctx.Render<TelemetryChart>(p => p.Add(c => c.Series, new TelemetrySeries("speed", [], TimeSpan.FromSeconds(1), "30d")));
        Assert.Contains("No data in this range", empty.Markup, StringComparison.Ordinal);
        Assert.Empty(empty.FindAll("polyline"));
    }

    [Fact]
    public async Task The_tab_shows_the_cards_and_hides_the_position_of_a_vehicle_that_does_not_record_it()
    {
        var vin = "DEV-" + DemoData.MakeVin('T', 'P', 68); // the eighth demo vehicle, which records no GPS
        await portal.Services.GetRequiredService<ITelemetryStore>().WriteAsync(
            [new TelemetrySample(vin, DateTimeOffset.UtcNow.AddMinutes(-1), new Dictionary<string, double> { ["bms_pack_soc"] = 64.5, ["gps_latitude"] = 44.1, ["gps_longitude"] = -123.1 })]);
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);

        var cut = ctx.RenderWithProviders<VehicleTelemetryTab>(p => p.Add(c => c.Vin, vin));

        cut.WaitForAssertion(() => Assert.Equal("64.5 %", cut.Find("[data-testid=card-soc]").TextContent.Trim()), TimeSpan.FromSeconds(10));
        Assert.Equal("Not recorded (privacy)", cut.Find("[data-testid=card-gps]").TextContent.Trim());
        Assert.DoesNotContain("gps_latitude", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=telemetry-config]")); // no telemetry.points.read
        Assert.Empty(cut.FindAll("[data-testid=backfill]"));         // no telemetry.backfill.engineering
    }

    [Fact]
    public async Task The_position_card_follows_new_positions_and_the_privacy_switch_without_a_reload()
    {
        var vin = (await FleetTestData.AddVehiclesAsync(portal, 1))[0];
        var store = portal.Services.GetRequiredService<ITelemetryStore>();
        Task ReportAsync(double latitude, double longitude) => store.WriteAsync([new TelemetrySample(vin, DateTimeOffset.UtcNow,
            new Dictionary<string, double> { ["bms_pack_soc"] = 70, ["gps_latitude"] = latitude, ["gps_longitude"] = longitude })]);
        async Task SwitchGpsAsync(bool record)
        {
            // Another user, in another window: the open tab hears of it through the change feed only.
            await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
            await scope.ServiceProvider.GetRequiredService<Arc.Domain.Vehicles.SetGpsRecording>().HandleAsync(vin, record);
        }
        var wait = TimeSpan.FromSeconds(10);
        await ReportAsync(44.05, -123.1);
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);

        var cut = ctx.RenderWithProviders<VehicleTelemetryTab>(p => p.Add(c => c.Vin, vin));
        string Card() => cut.Find("[data-testid=card-gps]").TextContent.Trim();
        cut.WaitForAssertion(() => Assert.Equal("Not recorded (privacy)", Card()), wait);

        await SwitchGpsAsync(true);
        cut.WaitForAssertion(() => Assert.Equal("44.05000, -123.10000", Card()), wait);

        await ReportAsync(44.0612, -123.0871);
        cut.WaitForAssertion(() => Assert.Equal("44.06120, -123.08710", Card()), wait);

        await SwitchGpsAsync(false);
        cut.WaitForAssertion(() => Assert.Equal("Not recorded (privacy)", Card()), wait);
        Assert.DoesNotContain("44.0612", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_raw_export_says_that_its_file_was_removed_and_offers_no_download()
    {
        var vin = "DEV-" + DemoData.MakeVin('T', 'N', 61);
        var now = DateTimeOffset.UtcNow;
        await using (var db = portal.CreateDb())
        {
            db.ExportSet.Add(new TelemetryExport
            {
                Vin = vin, Points = "speed", From = now.AddDays(-9), To = now.AddDays(-8), Actor = await portal.AdminUsernameAsync(),
                Created = now.AddDays(-8), Finished = now.AddDays(-8), Status = BackfillStatus.Expired, Rows = 12
            });
            await db.SaveChangesAsync();
        }
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);

        var cut = ctx.RenderWithProviders<VehicleTelemetryTab>(p => p.Add(c => c.Vin, vin));

        cut.WaitForAssertion(() => Assert.Equal("expired: the file is removed 7 days after the export; ask for a new one",
            cut.Find("[data-testid=raw-export-status]").TextContent.Trim()), TimeSpan.FromSeconds(10));
        Assert.Empty(cut.FindAll("[data-testid=raw-export-download]"));
    }

    [Fact]
    public async Task The_definitions_page_filters_by_name_and_group()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.TelemetryMetricsRead);
        var cut = ctx.RenderWithProviders<DefinitionsPage>();
        cut.WaitForAssertion(() => Assert.Equal("206 points", cut.Find("[data-testid=definition-count]").TextContent.Trim()));

        cut.Find("#definition-search").Input("charger");
        cut.WaitForAssertion(() => Assert.StartsWith("4", cut.Find("[data-testid=definition-count]").TextContent.Trim(), StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.All(cut.FindAll("[data-testid=definition-table] tbody tr"), row => Assert.Contains("charger", row.TextContent, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Adding_a_version_is_offered_only_with_the_permission_and_lists_each_problem_of_a_bad_file()
    {
        await using (var reader = await ComponentHost.CreateAsync(portal, Perm.TelemetryMetricsRead))
        {
            var readOnly = reader.RenderWithProviders<DefinitionsPage>();
            readOnly.WaitForAssertion(() => readOnly.Find("[data-testid=definition-count]"), TimeSpan.FromSeconds(10));
            Assert.Empty(readOnly.FindAll("[data-testid=add-definition]"));
        }

        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.TelemetryMetricsRead, Perm.TelemetryDefinitionWrite);
        var cut = ctx.RenderWithProviders<DefinitionsPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=definition-count]"), TimeSpan.FromSeconds(10));
        Assert.True(cut.Find("[data-testid=definition-add]").HasAttribute("disabled")); // nothing chosen yet
        cut.Find("#definition-name").Input("bunit-1");
        cut.Find("#definition-description").Input("Two mistakes");
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("""{"speed": {"type": "double"}, "Odometer": {}}""", "metrics.json"));
        cut.WaitForAssertion(() => Assert.Contains("metrics.json (", cut.Find("[data-testid=definition-file-name]").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=definition-problems] li").Count), TimeSpan.FromSeconds(10));
        Assert.Contains("metrics.json was not accepted", cut.Find("[data-testid=definition-error]").TextContent, StringComparison.Ordinal);
        await using var db = portal.CreateDb();
        Assert.False(db.DefinitionVersionSet.Any(v => v.Name == "bunit-1"));
    }

    [Fact]
    public async Task An_oversized_definitions_file_is_refused_before_it_is_read()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.TelemetryMetricsRead, Perm.TelemetryDefinitionWrite);
        var cut = ctx.RenderWithProviders<DefinitionsPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=add-definition]"));
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(new string(' ', MetricsFile.MaxBytes + 1), "huge.json"));
        cut.WaitForAssertion(() => Assert.Contains("huge.json is 1,024 KB; a definitions file holds at most 1,024 KB.",
            cut.Find("[data-testid=definition-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal("No file chosen", cut.Find("[data-testid=definition-file-name]").TextContent.Trim());
        Assert.True(cut.Find("[data-testid=definition-add]").HasAttribute("disabled"));
    }
}
