using Arc.Domain.Permissions;
using Arc.Domain.Telemetry;
using Arc.Portal.Components.Fleets;
using Arc.Portal.Security;
using Arc.Portal.Tests.Support;
using Bunit;
using Microsoft.Extensions.Options;

namespace Arc.Portal.Tests.Components;

/// <summary>The fleet map's markers (what a card says, which colour) and the legend that explains them.</summary>
public sealed class MapComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_marker_card_names_the_vin_the_last_report_and_what_it_reported()
    {
        var marker = FleetMarker.From(new VehicleLatestState("DEV-7F7ATR319LER05096", 81.4, 1609.344, 44.06, -123.1, Now.AddMinutes(-5)), Now)!;

        Assert.Equal("recent", marker.State);
        Assert.Equal("Last report 2026-12-01 11:55 UTC", marker.Reported);
        Assert.Equal("Charge 81 %", marker.Charge);
        Assert.Equal("Odometer 1,000 mi", marker.Odometer);
        Assert.Equal("vehicles/DEV-7F7ATR319LER05096", marker.Href);
    }

    [Fact]
    public void A_vehicle_silent_for_a_day_is_quiet_and_one_without_a_position_has_no_marker()
    {
        var silent = FleetMarker.From(new VehicleLatestState("DEV-1", null, null, 44.0, -123.0, Now - FleetMarker.RecentFor - TimeSpan.FromMinutes(1)), Now)!;
        Assert.Equal("quiet", silent.State);
        Assert.Null(silent.Charge);
        Assert.Equal("quiet", FleetMarker.From(new VehicleLatestState("DEV-2", null, null, 44.0, -123.0, null), Now)!.State);
        Assert.Equal("No report yet", FleetMarker.From(new VehicleLatestState("DEV-2", null, null, 44.0, -123.0, null), Now)!.Reported);
        Assert.Null(FleetMarker.From(new VehicleLatestState("DEV-3", 50, 10, null, -123.0, Now), Now));
    }

    [Fact]
    public void A_vin_that_is_not_a_plain_path_segment_stays_inside_the_vehicle_address()
    {
        var marker = FleetMarker.From(new VehicleLatestState("../users?x=<b>", null, null, 44.0, -123.0, Now), Now)!;
        Assert.Equal("vehicles/..%2Fusers%3Fx%3D%3Cb%3E", marker.Href);
    }

    [Fact]
    public async Task The_fleet_map_explains_its_marker_colours_in_a_legend()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);
        ctx.Services.AddSingleton(Options.Create(new MapOptions()));
        var cut = ctx.RenderWithProviders<FleetMapPage>();

        cut.WaitForAssertion(() => Assert.Contains("with a known position", cut.Find("[data-testid=map-count]").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
        var legend = cut.Find("[data-testid=map-legend]");
        Assert.Equal("Fleet map legend", legend.GetAttribute("aria-label"));
        Assert.Equal(["Reported in the last 24 hours", "No report for 24 hours or more"], legend.QuerySelectorAll("li").Select(li => li.TextContent));
        Assert.NotNull(legend.QuerySelector(".arc-marker-recent"));
        Assert.NotNull(legend.QuerySelector(".arc-marker-quiet"));
    }
}
