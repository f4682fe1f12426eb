using Arc.Domain.Permissions;
using Arc.Domain.Telemetry;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Components.Telemetry;
using Arc.Portal.Components.Vehicles;
using Arc.Portal.Tests.Support;
using Bunit;

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

        cut.WaitForAssertion(() => Assert.Equal("64.5 %", cut.Find("[data-testid=card-soc]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Equal("Not recorded (privacy)", cut.Find("[data-testid=card-gps]").TextContent.Trim());
        Assert.DoesNotContain("gps_latitude", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=telemetry-config]")); // no telemetry.points.read
        Assert.Empty(cut.FindAll("[data-testid=backfill]"));         // no telemetry.backfill.engineering
    }

    [Fact]
    public async Task The_definitions_page_filters_by_name_and_group()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.TelemetryMetricsRead);
        var cut = ctx.RenderWithProviders<DefinitionsPage>();
        cut.WaitForAssertion(() => Assert.Equal("206 points", cut.Find("[data-testid=definition-count]").TextContent.Trim()));

        cut.Find("#definition-search").Input("charger");
        cut.WaitForAssertion(() => Assert.StartsWith("4", cut.Find("[data-testid=definition-count]").TextContent.Trim(), StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.All(cut.FindAll("[data-testid=definition-table] tbody tr"), row => Assert.Contains("charger", row.TextContent, StringComparison.OrdinalIgnoreCase));
    }
}
