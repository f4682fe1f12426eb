using Arc.Domain.Permissions;
using Arc.Portal.Components.Trips;
using Arc.Portal.Tests.Integration.Intake;
using Arc.Portal.Tests.Support;
using Bunit;

namespace Arc.Portal.Tests.Components;

public sealed class TripComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task The_tab_lists_trips_and_stops_and_shows_the_chosen_trip_with_its_downloads()
    {
        var drive = await TripTestData.WriteDriveAsync(portal);
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);

        var cut = ctx.RenderWithProviders<VehicleTripsTab>(p => p.Add(c => c.Vin, drive.Vin));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=trip-row]")), TimeSpan.FromSeconds(10));
        Assert.Equal(2, cut.FindAll("[data-testid=stop-row]").Count);
        Assert.Contains("1 trip · 12 km", cut.Find("[data-testid=trips-summary]").TextContent, StringComparison.Ordinal);
        Assert.Contains($"vehicles/{drive.Vin}/trips.csv?from=", cut.Find("[data-testid=trips-csv]").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=trip-map-panel]"));

        cut.Find("[data-testid=trip-show]").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=trip-map]").GetAttribute("data-points")), TimeSpan.FromSeconds(10));
        Assert.Equal("true", cut.Find("[data-testid=trip-row]").GetAttribute("data-selected"));
        Assert.EndsWith("&trip=" + Uri.EscapeDataString(drive.TripStart.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture)),
            cut.Find("[data-testid=trip-gpx]").GetAttribute("href"), StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Contains(ctx.JSInterop.Invocations, i => i.Identifier == "arcMap.track"), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_vehicle_without_reports_in_the_range_says_so_and_offers_no_download()
    {
        var vin = await IntakeTestData.NewVehicleAsync(portal);
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);

        var cut = ctx.RenderWithProviders<VehicleTripsTab>(p => p.Add(c => c.Vin, vin));

        cut.WaitForAssertion(() => Assert.Equal("No reports in this range, so no trips or stops.", cut.Find("[data-testid=trips-empty]").TextContent.Trim()),
            TimeSpan.FromSeconds(10));
        Assert.Empty(cut.FindAll("[data-testid=trips-csv]"));
        Assert.Empty(cut.FindAll("[data-testid=trips-table]"));
    }

    [Fact]
    public async Task Someone_who_may_not_read_the_vehicle_sees_the_refusal_and_no_trips()
    {
        var vin = await IntakeTestData.NewVehicleAsync(portal);
        await using var ctx = await ComponentHost.CreateAsync(portal);

        var cut = ctx.RenderWithProviders<VehicleTripsTab>(p => p.Add(c => c.Vin, vin));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=trips-error]")), TimeSpan.FromSeconds(10));
        Assert.Empty(cut.FindAll("[data-testid=trips-table]"));
        Assert.Empty(cut.FindAll("[data-testid=trips-summary]"));
    }
}

public sealed class FleetTripsComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private async Task<int> FleetAsync(params string[] vins)
    {
        await using var db = portal.CreateDb();
        var fleet = new Arc.Domain.Fleets.Fleet { Name = "Trips page " + Guid.NewGuid().ToString("N")[..8] };
        db.Add(fleet);
        await db.SaveChangesAsync();
        db.FleetVehicleSet.AddRange(vins.Select(v => new Arc.Domain.Fleets.FleetVehicle { FleetId = fleet.Id, Vin = v }));
        await db.SaveChangesAsync();
        return fleet.Id;
    }

    [Fact]
    public async Task The_page_totals_each_vehicle_and_opens_one_vehicles_trips_and_a_trip_on_the_map()
    {
        var drive = await TripTestData.WriteDriveAsync(portal);
        var silent = await IntakeTestData.NewVehicleAsync(portal);
        var fleetId = await FleetAsync(drive.Vin, silent);
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);

        var cut = ctx.RenderWithProviders<FleetTripsPage>(p => p.Add(c => c.FleetId, fleetId));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=fleet-trips-row]").Count), TimeSpan.FromSeconds(10));
        Assert.StartsWith("vehicles 1–2 of 2 · 1 trip · 12 km", cut.Find("[data-testid=fleet-trips-summary]").TextContent, StringComparison.Ordinal);
        var quiet = cut.Find($"[data-testid=fleet-trips-row][data-vin='{silent}']");
        Assert.Contains("No reports", quiet.TextContent, StringComparison.Ordinal);
        Assert.Contains($"fleets/{fleetId}/trips.csv?from=", cut.Find("[data-testid=fleet-trips-csv]").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=fleet-trips-pages]"));

        cut.Find($"[data-testid=fleet-trips-row][data-vin='{drive.Vin}'] [data-testid=fleet-trips-show]").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=trip-row]")));
        Assert.Equal(drive.Vin, cut.Find("[data-testid=fleet-trips-vehicle]").TextContent.Trim());
        cut.Find("[data-testid=trip-show]").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=trip-map]").GetAttribute("data-points")), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_empty_fleet_says_so_and_a_stranger_sees_the_refusal()
    {
        var fleetId = await FleetAsync();
        await using (var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead))
        {
            var cut = ctx.RenderWithProviders<FleetTripsPage>(p => p.Add(c => c.FleetId, fleetId));
            cut.WaitForAssertion(() => Assert.Equal("This fleet has no vehicles yet, so it has no trips.", cut.Find("[data-testid=fleet-trips-empty]").TextContent.Trim()),
                TimeSpan.FromSeconds(10));
            Assert.Empty(cut.FindAll("[data-testid=fleet-trips-csv]"));
        }
        await using (var ctx = await ComponentHost.CreateAsync(portal))
        {
            var cut = ctx.RenderWithProviders<FleetTripsPage>(p => p.Add(c => c.FleetId, fleetId));
            cut.WaitForAssertion(() => Assert.Contains("membership of the fleet", cut.Find("[data-testid=access-denied]").TextContent, StringComparison.Ordinal),
                TimeSpan.FromSeconds(10));
            Assert.Empty(cut.FindAll("[data-testid=fleet-trips-range-24h]"));
            Assert.Empty(cut.FindAll("[data-testid=fleet-trips-table]"));
        }
    }
}
