using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Arc.Domain.Telemetry;
using Arc.Domain.Vehicles;
using Arc.Portal.Tests.Support;
using static Arc.Portal.Tests.Support.DashboardTestData;

namespace Arc.Portal.Tests.Integration;

/// <summary>The fleet dashboard on real PostgreSQL and InfluxDB: its figures, its cost in queries, and who may open it.</summary>
public sealed class FleetDashboardTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private async Task<FleetDashboard> DashboardAsync(string username, int fleetId)
    {
        await using var scope = await portal.AsUserAsync(username);
        return await scope.ServiceProvider.GetRequiredService<GetFleetDashboard>().HandleAsync(fleetId);
    }

    [Fact]
    public async Task A_member_sees_each_vehicle_classified_and_the_fleets_counts_charge_mileage_and_positions()
    {
        var fleet = await FleetAsync(portal, 7, recordGps: 2);
        var now = DateTimeOffset.UtcNow;
        var v = fleet.Vins;
        await ReportAsync(portal, v[0], new(now.AddSeconds(-30), Speed: 40, PackCurrent: -80, Soc: 65, OdometerKm: 1000, Latitude: 44.05, Longitude: -123.09));
        await ReportAsync(portal, v[1], new(now.AddMinutes(-2), Speed: 0, PackCurrent: 40, Soc: 15, OdometerKm: 2000, Latitude: 44.06, Longitude: -123.10));
        await ReportAsync(portal, v[2], new(now.AddMinutes(-5), Speed: 0, PackCurrent: 0, Soc: 85, OdometerKm: 500, Latitude: 44.07, Longitude: -123.11));
        await ReportAsync(portal, v[3], new(now.AddHours(-3), Speed: 30, Soc: 100, OdometerKm: 300));
        await ReportAsync(portal, v[4], new(now.AddDays(-2), Speed: 0, Soc: 45));
        await ReportAsync(portal, v[5], new(now.AddMinutes(-1), Speed: 1.5, PackCurrent: 0.5));
        // v[6] never reports.
        var member = await MemberAsync(portal, [fleet.Id]);

        var dashboard = await DashboardAsync(member, fleet.Id);

        Assert.Equal(fleet.Name, dashboard.FleetName);
        Assert.Equal(v.Order(StringComparer.Ordinal), dashboard.Vehicles.Select(r => r.Vin));
        var activity = dashboard.Vehicles.ToDictionary(r => r.Vin, r => r.Activity);
        Assert.Equal(
            [VehicleActivity.Moving, VehicleActivity.Charging, VehicleActivity.Parked, VehicleActivity.Quiet, VehicleActivity.NotReporting,
                VehicleActivity.Parked, VehicleActivity.NeverReported],
            v.Select(vin => activity[vin]));
        Assert.Equal(new FleetCounts(Vehicles: 7, Reporting: 4, Moving: 1, Parked: 2, Charging: 1, Silent: 2), dashboard.Counts);
        Assert.Equal([1, 0, 1, 1, 2, 2], dashboard.Soc.Select(b => b.Vehicles));
        Assert.Equal(3800 * TelemetryStatus.MilesPerKm, dashboard.TotalMiles, 6);
        Assert.Equal(4, dashboard.VehiclesWithOdometer);
        Assert.Equal(2000 * TelemetryStatus.MilesPerKm, dashboard.Vehicles.Single(r => r.Vin == v[1]).OdometerMiles!.Value, 6);
        // Only the two vehicles that record GPS show where they are; the third's position stays hidden.
        Assert.Equal(new[] { v[0], v[1] }.Order(StringComparer.Ordinal), dashboard.Vehicles.Where(r => r.Latitude is not null).Select(r => r.Vin).Order(StringComparer.Ordinal));
        // Without alarms.alarm.read the member gets no alarms, rather than an error.
        Assert.Null(dashboard.Alarms);
    }

    [Fact]
    public async Task Alarm_readers_see_the_active_alarms_of_the_fleets_vehicles_only()
    {
        var fleet = await FleetAsync(portal, 2);
        var outside = await IntakeTestDataVehicleAsync();
        var raised = await OperationsTestData.AlarmAsync(portal, fleet.Vins[0]);
        await OperationsTestData.AlarmAsync(portal, fleet.Vins[1], cleared: true);
        await OperationsTestData.AlarmAsync(portal, outside);
        var member = await MemberAsync(portal, [fleet.Id], "all");

        var dashboard = await DashboardAsync(member, fleet.Id);

        Assert.Equal(1, dashboard.Alarms!.Total);
        Assert.Equal(raised.AlarmId, Assert.Single(dashboard.Alarms.Newest).Id);
        Assert.Equal(1, dashboard.Vehicles.Single(r => r.Vin == fleet.Vins[0]).ActiveAlarms);
        Assert.Equal(0, dashboard.Vehicles.Single(r => r.Vin == fleet.Vins[1]).ActiveAlarms);
    }

    [Fact]
    public async Task A_fleet_of_two_hundred_costs_the_same_queries_as_a_fleet_of_three()
    {
        var small = await FleetAsync(portal, 3, recordGps: 3);
        var large = await FleetAsync(portal, 200, recordGps: 50);
        foreach (var vin in small.Vins.Concat(large.Vins.Take(20)))
            await ReportAsync(portal, vin, new(DateTimeOffset.UtcNow.AddMinutes(-1), Speed: 10, Soc: 50, OdometerKm: 100, Latitude: 44, Longitude: -123));
        var admin = await portal.AdminUsernameAsync();
        await using var scope = await portal.AsUserAsync(admin);
        var dashboard = scope.ServiceProvider.GetRequiredService<GetFleetDashboard>();
        // The first look at a fleet may ask InfluxDB once for vehicles the read model has not seen; after that, never.
        await dashboard.HandleAsync(small.Id);
        await dashboard.HandleAsync(large.Id);

        var smallCounts = QueryMeter.Start();
        var smallResult = await dashboard.HandleAsync(small.Id);
        var largeCounts = QueryMeter.Start();
        var largeResult = await dashboard.HandleAsync(large.Id);
        QueryMeter.Stop();

        Assert.Equal(3, smallResult.Counts.Vehicles);
        Assert.Equal(200, largeResult.Counts.Vehicles);
        Assert.Equal(20, largeResult.Counts.Moving);
        Assert.Equal(0, smallCounts.Telemetry);
        Assert.Equal(0, largeCounts.Telemetry);
        Assert.Equal(smallCounts.Database, largeCounts.Database);
        Assert.InRange(smallCounts.Database, 1, 6);
    }

    [Fact]
    public async Task Members_of_another_fleet_and_users_without_the_vehicle_permission_are_refused_and_staff_let_in()
    {
        var fleet = await FleetAsync(portal, 1);
        var other = await FleetAsync(portal, 1, what: "Other");
        var outsider = await MemberAsync(portal, [other.Id]);
        var support = await portal.CreateUserAsync($"support-{Guid.NewGuid():N}@arc.test", "support");

        await Assert.ThrowsAsync<PermissionDeniedException>(() => DashboardAsync(outsider, fleet.Id));
        Assert.Equal(fleet.Vins, (await DashboardAsync(support, fleet.Id)).Vehicles.Select(r => r.Vin));
        // A fleet that does not exist: staff are told so; anyone else learns nothing about it.
        await Assert.ThrowsAsync<NotFoundException>(() => DashboardAsync(support, 987_654_321));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => DashboardAsync(outsider, 987_654_321));
    }

    [Fact]
    public async Task A_member_reads_their_fleets_vehicles_and_nothing_else()
    {
        var fleet = await FleetAsync(portal, 2);
        var outside = await IntakeTestDataVehicleAsync();
        var member = await MemberAsync(portal, [fleet.Id]);
        await using var scope = await portal.AsUserAsync(member);
        var services = scope.ServiceProvider;

        Assert.Equal(fleet.Vins[0], (await services.GetRequiredService<GetVehicle>().HandleAsync(fleet.Vins[0])).Vin);
        Assert.Equal([new UserFleetRow(fleet.Id, fleet.Name, 2)], await services.GetRequiredService<ListMyFleets>().HandleAsync());
        await Assert.ThrowsAsync<PermissionDeniedException>(() => services.GetRequiredService<GetVehicle>().HandleAsync(outside));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => services.GetRequiredService<ListVehicles>().HandleAsync(new ListVehiclesQuery()));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => services.GetRequiredService<GetFleetMapState>().HandleAsync(fleet.Id));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => services.GetRequiredService<GetFleet>().HandleAsync(fleet.Id));
    }

    [Fact]
    public async Task An_empty_fleet_has_a_dashboard_of_zeros_without_asking_the_telemetry_store()
    {
        var fleet = await FleetAsync(portal, 0);
        var member = await MemberAsync(portal, [fleet.Id]);
        await using var scope = await portal.AsUserAsync(member);
        var counts = QueryMeter.Start();
        var dashboard = await scope.ServiceProvider.GetRequiredService<GetFleetDashboard>().HandleAsync(fleet.Id);
        QueryMeter.Stop();

        Assert.Equal(new FleetCounts(0, 0, 0, 0, 0, 0), dashboard.Counts);
        Assert.All(dashboard.Soc, b => Assert.Equal(0, b.Vehicles));
        Assert.Equal(0, dashboard.TotalMiles);
        Assert.Equal(0, counts.Telemetry);
    }

    private Task<string> IntakeTestDataVehicleAsync() => Integration.Intake.IntakeTestData.NewVehicleAsync(portal);
}
