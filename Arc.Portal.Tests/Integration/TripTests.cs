using System.Net;
using System.Xml.Linq;
using Arc.Domain.Common;
using Arc.Domain.Trips;
using Arc.Portal.Security;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration;

/// <summary>Trips read from the real InfluxDB through the use case and its downloads, and what each refuses.</summary>
public sealed class TripTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private async Task<GetVehicleTrips> AsAdminAsync(Func<GetVehicleTrips, Task> use)
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        var trips = scope.ServiceProvider.GetRequiredService<GetVehicleTrips>();
        await use(trips);
        return trips;
    }

    private async Task<HttpClient> SignedInClientAsync()
    {
        var client = HttpSignIn.Client(portal.BaseAddress);
        using var signIn = await HttpSignIn.PostAsync(client, PortalServer.AdminEmail, PortalServer.AdminPassword);
        client.DefaultRequestHeaders.Add("Cookie", HttpSignIn.SetCookie(signIn, SessionCookie.DevelopmentName)!.Split(';')[0]);
        return client;
    }

    private static string Stamp(DateTimeOffset at) => Uri.EscapeDataString(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task A_drive_written_to_influxdb_is_read_back_as_one_trip_between_two_stops()
    {
        var drive = await TripTestData.WriteDriveAsync(portal);
        var now = DateTimeOffset.UtcNow;

        await AsAdminAsync(async trips =>
        {
            var report = await trips.HandleAsync(drive.Vin, now.AddHours(-1), now, withTrack: true);

            var trip = Assert.Single(report.Trips);
            Assert.Equal((drive.TripStart, drive.TripEnd), (trip.Start, trip.End));
            Assert.True(trip.DistanceFromOdometer);
            Assert.Equal(12.0, trip.DistanceKm, 1);
            Assert.Equal(48, trip.MaxSpeedKmh);
            Assert.Equal(3.0, trip.SocUsed!.Value, 1);
            Assert.Equal(44.05, trip.StartLatitude);
            Assert.Equal(2, report.Stops.Count);
            Assert.Equal(35 * 60, report.Samples);
            Assert.InRange(report.Track.Count, 35 * 60 / 5 - 1, 35 * 60 / 5 + 1);
        });
    }

    [Fact]
    public async Task A_range_over_31_days_or_reversed_is_refused_with_a_clear_message()
    {
        var drive = await TripTestData.WriteDriveAsync(portal, 1, 1);
        var now = DateTimeOffset.UtcNow;

        await AsAdminAsync(async trips =>
        {
            var tooLong = await Assert.ThrowsAsync<ValidationFailedException>(() => trips.HandleAsync(drive.Vin, now.AddDays(-32), now));
            Assert.Equal("Trips are found over at most 31 days at a time; choose a shorter range.", tooLong.Message);
            var reversed = await Assert.ThrowsAsync<ValidationFailedException>(() => trips.HandleAsync(drive.Vin, now, now.AddHours(-1)));
            Assert.Contains("after its start", reversed.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Someone_who_may_not_read_the_vehicle_gets_no_trips()
    {
        var drive = await TripTestData.WriteDriveAsync(portal, 1, 1);
        var stranger = await portal.CreateUserAsync($"trips-{Guid.NewGuid():N}@arc.test");
        await using var scope = await portal.AsUserAsync(stranger);

        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            scope.ServiceProvider.GetRequiredService<GetVehicleTrips>().HandleAsync(drive.Vin, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task The_csv_and_gpx_downloads_carry_the_trip()
    {
        var drive = await TripTestData.WriteDriveAsync(portal);
        var now = DateTimeOffset.UtcNow;
        using var client = await SignedInClientAsync();
        var range = $"from={Stamp(now.AddHours(-1))}&to={Stamp(now)}";

        using var csv = await client.GetAsync($"vehicles/{drive.Vin}/trips.csv?{range}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["kind", "stop", "trip", "stop"], lines.Select(l => l.Split(',')[0]));
        Assert.StartsWith($"trip,{drive.TripStart.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}", lines[2], StringComparison.Ordinal);

        using var gpx = await client.GetAsync($"vehicles/{drive.Vin}/trips.gpx?{range}&trip={Stamp(drive.TripStart)}");
        Assert.Equal(HttpStatusCode.OK, gpx.StatusCode);
        var document = XDocument.Parse(await gpx.Content.ReadAsStringAsync());
        XNamespace ns = "http://www.topografix.com/GPX/1/1";
        var track = Assert.Single(document.Root!.Elements(ns + "trk"));
        Assert.InRange(track.Descendants(ns + "trkpt").Count(), 15 * 60 / 5 - 1, 15 * 60 / 5 + 1);
    }

    [Theory]
    [InlineData("DEV-NOT A VIN!", "-2h", "now", null, HttpStatusCode.BadRequest, "17 characters")]
    [InlineData(null, "now", "-2h", null, HttpStatusCode.BadRequest, "after its start")]
    [InlineData(null, "-32d", "now", null, HttpStatusCode.BadRequest, "at most 31 days")]
    [InlineData(null, "yesterday", "now", null, HttpStatusCode.BadRequest, "ISO 8601")]
    [InlineData(null, "-2h", "now", "not-a-time", HttpStatusCode.BadRequest, "ISO 8601")]
    [InlineData(null, "-2h", "now", "2001-01-01T00:00:00Z", HttpStatusCode.NotFound, "2001")]
    public async Task Bad_download_requests_are_answered_with_a_problem_that_says_why(string? vin, string from, string to, string? trip,
        HttpStatusCode status, string says)
    {
        vin ??= (await TripTestData.WriteDriveAsync(portal, 1, 1)).Vin;
        var now = DateTimeOffset.UtcNow;
        string Time(string text) => text switch
        {
            "now" => Stamp(now),
            "-2h" => Stamp(now.AddHours(-2)),
            "-32d" => Stamp(now.AddDays(-32)),
            _ => Uri.EscapeDataString(text),
        };
        using var client = await SignedInClientAsync();
        var format = trip is null ? "csv" : "gpx";

        using var response = await client.GetAsync($"vehicles/{Uri.EscapeDataString(vin)}/trips.{format}?from={Time(from)}&to={Time(to)}"
                                                    + (trip is null ? "" : $"&trip={Uri.EscapeDataString(trip)}"));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(says, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
