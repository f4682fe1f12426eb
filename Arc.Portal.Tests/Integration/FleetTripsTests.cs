using System.Net;
using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Arc.Domain.Trips;
using Arc.Portal.Security;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration;

/// <summary>A fleet's trips read from the real InfluxDB, for its members and for staff, with its CSV download and what it refuses.</summary>
public sealed class FleetTripsTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static string Stamp(DateTimeOffset at) => Uri.EscapeDataString(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A fleet of its own with a vehicle that drove, one that only stood, and a member who holds no permission.</summary>
    private async Task<(int FleetId, TripTestData.Drive Drove, TripTestData.Drive Stood, string Member)> FleetAsync()
    {
        var drove = await TripTestData.WriteDriveAsync(portal);
        var stood = await TripTestData.WriteDriveAsync(portal, parkedMinutes: 8, drivingMinutes: 0);
        var member = await portal.CreateUserAsync($"fleet-trips-{Guid.NewGuid():N}@arc.test");
        await using var db = portal.CreateDb();
        var fleet = new Fleet { Name = "Trips " + Guid.NewGuid().ToString("N")[..8] };
        db.Add(fleet);
        await db.SaveChangesAsync();
        db.FleetVehicleSet.AddRange(new FleetVehicle { FleetId = fleet.Id, Vin = drove.Vin }, new FleetVehicle { FleetId = fleet.Id, Vin = stood.Vin });
        db.FleetUserSet.Add(new FleetUser { FleetId = fleet.Id, Username = member });
        await db.SaveChangesAsync();
        return (fleet.Id, drove, stood, member);
    }

    [Fact]
    public async Task A_member_without_any_permission_sees_each_vehicles_trips_and_totals()
    {
        var (fleetId, drove, stood, member) = await FleetAsync();
        await using var scope = await portal.AsUserAsync(member);
        var now = DateTimeOffset.UtcNow;

        var report = await scope.ServiceProvider.GetRequiredService<GetFleetTrips>().HandleAsync(fleetId, now.AddHours(-1), now);

        Assert.Equal(2, report.VehicleCount);
        Assert.Equal(1, report.PageCount);
        Assert.Equal(new[] { drove.Vin, stood.Vin }.Order(StringComparer.Ordinal), report.Vehicles.Select(v => v.Vin));
        var driving = report.Vehicles.Single(v => v.Vin == drove.Vin);
        Assert.Equal(1, driving.TripCount);
        Assert.Equal(12.0, driving.DistanceKm, 1);
        Assert.Equal(TimeSpan.FromMinutes(15), driving.Driving);
        Assert.Equal(3.0, driving.SocUsed!.Value, 1);
        var parked = report.Vehicles.Single(v => v.Vin == stood.Vin);
        Assert.Equal(0, parked.TripCount);
        Assert.Null(parked.SocUsed);
        Assert.NotEmpty(parked.Report.Stops);

        // A page past the last lists nobody but still counts the fleet.
        var beyond = await scope.ServiceProvider.GetRequiredService<GetFleetTrips>().HandleAsync(fleetId, now.AddHours(-1), now, page: 1);
        Assert.Empty(beyond.Vehicles);
        Assert.Equal(2, beyond.VehicleCount);
    }

    [Fact]
    public async Task Someone_outside_the_fleet_is_refused_and_bad_ranges_or_pages_are_refused_with_a_reason()
    {
        var (fleetId, _, _, member) = await FleetAsync();
        var stranger = await portal.CreateUserAsync($"fleet-trips-{Guid.NewGuid():N}@arc.test");
        var now = DateTimeOffset.UtcNow;
        await using (var scope = await portal.AsUserAsync(stranger))
        {
            var refused = await Assert.ThrowsAsync<PermissionDeniedException>(() =>
                scope.ServiceProvider.GetRequiredService<GetFleetTrips>().HandleAsync(fleetId, now.AddHours(-1), now));
            Assert.Contains("membership of the fleet", refused.Message, StringComparison.Ordinal);
        }

        await using (var scope = await portal.AsUserAsync(member))
        {
            var trips = scope.ServiceProvider.GetRequiredService<GetFleetTrips>();
            var tooLong = await Assert.ThrowsAsync<ValidationFailedException>(() => trips.HandleAsync(fleetId, now.AddDays(-8), now));
            Assert.Equal("A fleet's trips are found over at most 7 days at a time; choose a shorter range.", tooLong.Message);
            await Assert.ThrowsAsync<ValidationFailedException>(() => trips.HandleAsync(fleetId, now, now.AddHours(-1)));
            await Assert.ThrowsAsync<ValidationFailedException>(() => trips.HandleAsync(fleetId, now.AddHours(-1), now, page: -1));
            // Membership of one fleet says nothing about another: the maker's fleet is not theirs.
            await Assert.ThrowsAsync<PermissionDeniedException>(() => trips.HandleAsync(Fleet.MakerFleetId, now.AddHours(-1), now));
        }

        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            await Assert.ThrowsAsync<NotFoundException>(() => scope.ServiceProvider.GetRequiredService<GetFleetTrips>().HandleAsync(int.MaxValue, now.AddHours(-1), now));
    }

    [Fact]
    public async Task The_csv_download_leads_every_row_with_its_vin_and_bad_requests_get_a_problem()
    {
        var (fleetId, drove, stood, _) = await FleetAsync();
        var now = DateTimeOffset.UtcNow;
        using var client = HttpSignIn.Client(portal.BaseAddress);
        using (var signIn = await HttpSignIn.PostAsync(client, PortalServer.AdminEmail, PortalServer.AdminPassword))
            client.DefaultRequestHeaders.Add("Cookie", HttpSignIn.SetCookie(signIn, SessionCookie.DevelopmentName)!.Split(';')[0]);

        using var csv = await client.GetAsync($"fleets/{fleetId}/trips.csv?from={Stamp(now.AddHours(-1))}&to={Stamp(now)}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal($"fleet-{fleetId}-trips-page-1.csv", csv.Content.Headers.ContentDisposition!.FileName);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("vin,kind,start_utc,", lines[0], StringComparison.Ordinal);
        Assert.Equal(["stop", "trip", "stop"], lines.Where(l => l.StartsWith(drove.Vin + ",", StringComparison.Ordinal)).Select(l => l.Split(',')[1]));
        Assert.All(lines.Where(l => l.StartsWith(stood.Vin + ",", StringComparison.Ordinal)), l => Assert.Equal("stop", l.Split(',')[1]));

        foreach (var (query, status, says) in new[]
                 {
                     ($"from=yesterday&to={Stamp(now)}", HttpStatusCode.BadRequest, "ISO 8601"),
                     ($"from={Stamp(now.AddDays(-8))}&to={Stamp(now)}", HttpStatusCode.BadRequest, "at most 7 days"),
                     ($"from={Stamp(now.AddHours(-1))}&to={Stamp(now)}&page=-3", HttpStatusCode.BadRequest, "negative"),
                 })
        {
            using var response = await client.GetAsync($"fleets/{fleetId}/trips.csv?{query}");
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(says, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
        using var unknown = await client.GetAsync($"fleets/{int.MaxValue}/trips.csv?from={Stamp(now.AddHours(-1))}&to={Stamp(now)}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
