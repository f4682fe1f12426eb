using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Arc.Domain.Telemetry;
using Arc.Domain.Vehicles;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>The fleet rule of spec/backend.md §3.3: a fleet's members see its vehicles, their telemetry, and only their own fleets' names.</summary>
public sealed class FleetMemberAccessTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private async Task<(string Vin, int MemberFleet, int OtherFleet)> VehicleInTwoFleetsAsync()
    {
        await using var db = portal.CreateDb();
        // Every demo vehicle is in the maker's fleet and in one customer fleet.
        var link = await db.FleetVehicleSet.Where(fv => fv.FleetId != Fleet.MakerFleetId).OrderBy(fv => fv.Vin).FirstAsync();
        return (link.Vin, link.FleetId, Fleet.MakerFleetId);
    }

    private async Task<string> MemberOfAsync(int fleetId)
    {
        var username = await portal.CreateUserAsync($"fleet-member-{Guid.NewGuid():N}@arc.test");
        await using var db = portal.CreateDb();
        db.FleetUserSet.Add(new FleetUser { FleetId = fleetId, Username = username });
        await db.SaveChangesAsync();
        return username;
    }

    [Fact]
    public async Task A_fleet_member_without_the_vehicle_permission_reads_the_telemetry_of_their_fleets_vehicles()
    {
        var (vin, fleet, _) = await VehicleInTwoFleetsAsync();
        var member = await MemberOfAsync(fleet);
        await using var scope = await portal.AsUserAsync(member);
        var telemetry = scope.ServiceProvider.GetRequiredService<GetVehicleTelemetry>();
        Assert.Equal(vin, (await telemetry.HandleAsync(vin)).Vin);
        Assert.NotEmpty(await scope.ServiceProvider.GetRequiredService<ListChartableTelemetryPoints>().HandleAsync(vin));
        // The tab also lists the member's own exports of the vehicle.
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<ListTelemetryExports>().HandleAsync(vin));
    }

    [Fact]
    public async Task Someone_outside_the_fleet_is_refused_the_telemetry()
    {
        var (vin, _, _) = await VehicleInTwoFleetsAsync();
        await using var db = portal.CreateDb();
        var elsewhere = await db.FleetSet.Where(f => f.Id != Fleet.MakerFleetId && !db.Set<FleetVehicle>().Any(fv => fv.FleetId == f.Id && fv.Vin == vin))
            .Select(f => f.Id).FirstAsync();
        var outsider = await MemberOfAsync(elsewhere);
        await using var scope = await portal.AsUserAsync(outsider);
        var telemetry = scope.ServiceProvider.GetRequiredService<GetVehicleTelemetry>();
        await Assert.ThrowsAsync<PermissionDeniedException>(() => telemetry.HandleAsync(vin));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => scope.ServiceProvider.GetRequiredService<GetVehicleTrack>().HandleAsync(vin, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => scope.ServiceProvider.GetRequiredService<ListTelemetryExports>().HandleAsync(vin));
    }

    [Fact]
    public async Task A_fleet_member_sees_only_the_names_of_their_own_fleets_on_the_vehicle()
    {
        var (vin, fleet, other) = await VehicleInTwoFleetsAsync();
        var member = await MemberOfAsync(fleet);
        await using (var scope = await portal.AsUserAsync(member))
        {
            var detail = await scope.ServiceProvider.GetRequiredService<GetVehicle>().HandleAsync(vin);
            Assert.Equal([fleet], detail.Fleets.Select(f => f.Id));
        }
        await using var staff = await portal.AsUserAsync(await portal.CreateUserAsync($"staff-{Guid.NewGuid():N}@arc.test", "support"));
        var all = await staff.ServiceProvider.GetRequiredService<GetVehicle>().HandleAsync(vin);
        Assert.Contains(other, all.Fleets.Select(f => f.Id));
    }

    [Fact]
    public async Task A_users_fleet_vehicles_come_a_page_at_a_time_to_themselves_and_to_user_readers_only()
    {
        var (vin, fleet, _) = await VehicleInTwoFleetsAsync();
        var member = await MemberOfAsync(fleet);
        int inFleet;
        await using (var db = portal.CreateDb())
            inFleet = await db.FleetVehicleSet.CountAsync(fv => fv.FleetId == fleet);
        await using (var self = await portal.AsUserAsync(member))
        {
            var list = self.ServiceProvider.GetRequiredService<Arc.Domain.Users.ListUserVehicles>();
            var first = await list.HandleAsync(member, null, 0, 2);
            Assert.Equal((inFleet, 2), (first.TotalCount, first.Items.Count));
            var found = await list.HandleAsync(member, vin[^6..].ToLowerInvariant(), 0, 10);
            Assert.Equal([vin], found.Items);
            await Assert.ThrowsAsync<ValidationFailedException>(() => list.HandleAsync(member, new string('x', 41), 0, 10));
            await Assert.ThrowsAsync<ValidationFailedException>(() => list.HandleAsync(member, null, -1, 10));
            await Assert.ThrowsAsync<ValidationFailedException>(() => list.HandleAsync(member, null, 0, 100_000));
        }
        await using var stranger = await portal.AsUserAsync(await portal.CreateUserAsync($"stranger-{Guid.NewGuid():N}@arc.test"));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => stranger.ServiceProvider.GetRequiredService<Arc.Domain.Users.ListUserVehicles>()
            .HandleAsync(member, null, 0, 10));
    }
}
