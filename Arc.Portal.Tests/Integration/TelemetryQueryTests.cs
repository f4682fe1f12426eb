using System.Net.Http.Json;
using System.Text.Json;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Telemetry;
using Arc.Infrastructure;
using Arc.Infrastructure.Seeding;
using Arc.Infrastructure.Telemetry;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Domain
{
    public sealed class TelemetryRangeTests
    {
        private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

        [Theory]
        [InlineData(1)]
        [InlineData(24)]
        [InlineData(24 * 7)]
        [InlineData(24 * 30)]
        [InlineData(24 * 365)]
        public void Any_range_fits_in_at_most_a_thousand_buckets(int hours)
        {
            var range = TelemetryRange.Last(TimeSpan.FromHours(hours), Now);
            Assert.True(range.Length / range.Bucket <= TelemetryRange.MaxPoints, $"{range.Length / range.Bucket} buckets");
            Assert.Equal(hours >= 24 * 7, range.Downsampled);
            if (range.Downsampled)
                Assert.True(range.Bucket >= TimeSpan.FromMinutes(30));
        }

        [Fact]
        public void Reversed_future_and_overlong_ranges_are_refused()
        {
            Assert.Contains("after its start", Assert.Throws<ValidationFailedException>(() => TelemetryRange.Create(Now, Now.AddHours(-1), Now)).Message, StringComparison.Ordinal);
            Assert.Contains("future", Assert.Throws<ValidationFailedException>(() => TelemetryRange.Create(Now.AddHours(1), Now.AddHours(2), Now)).Message, StringComparison.Ordinal);
            Assert.Contains("future", Assert.Throws<ValidationFailedException>(() => TelemetryRange.Create(Now.AddHours(-1), Now.AddDays(1), Now)).Message, StringComparison.Ordinal);
            Assert.Contains("365 days", Assert.Throws<ValidationFailedException>(() => TelemetryRange.Create(Now.AddDays(-400), Now, Now)).Message, StringComparison.Ordinal);
        }
    }
}

namespace Arc.Portal.Tests.Integration
{
    public sealed class TelemetryQueryTests(PortalServer portal) : IClassFixture<PortalServer>
    {
        private ITelemetryStore Store => portal.Services.GetRequiredService<ITelemetryStore>();

        private static string NewVin() => "DEV-" + DemoData.MakeVin('T', 'N', Random.Shared.Next(60_000, 99_999));

        /// <summary>A minute-by-minute history: state of charge falling from 100, odometer rising 0.5 km a minute.</summary>
        private async Task WriteHistoryAsync(string vin, DateTimeOffset end, int minutes, double latitude = 44.05)
        {
            var samples = new List<TelemetrySample>();
            for (var i = minutes; i >= 1; i--)
            {
                samples.Add(new TelemetrySample(vin, end.AddMinutes(-i), new Dictionary<string, double>
                {
                    ["bms_pack_soc"] = 100 - (minutes - i) * 0.01, ["odometer"] = 1000 + (minutes - i) * 0.5, ["speed"] = (i % 60) + 10,
                    ["gps_latitude"] = latitude, ["gps_longitude"] = -123.08,
                }));
                if (samples.Count == 5000)
                {
                    await Store.WriteAsync(samples);
                    samples.Clear();
                }
            }
            await Store.WriteAsync(samples);
        }

        [Fact]
        public async Task A_day_is_served_from_raw_data_in_at_most_a_thousand_buckets_with_the_right_means()
        {
            var vin = NewVin();
            var now = DateTimeOffset.UtcNow;
            await WriteHistoryAsync(vin, now, 2 * 24 * 60);

            var series = await Store.SeriesAsync(vin, TelemetryPoint.Parse("speed"), TelemetryRange.Last(TimeSpan.FromDays(1), now));

            Assert.Equal("30d", series.Source);
            Assert.InRange(series.Points.Count, 900, TelemetryRange.MaxPoints + 1);
            Assert.All(series.Points, p => Assert.InRange(p.Value, 10, 69));
        }

        [Fact]
        public async Task Long_ranges_read_the_downsampled_series_after_history_is_aggregated()
        {
            var vin = NewVin();
            var now = DateTimeOffset.UtcNow;
            await WriteHistoryAsync(vin, now, 10 * 24 * 60);
            var range = TelemetryRange.Last(TimeSpan.FromDays(30), now);
            Assert.Empty((await Store.SeriesAsync(vin, TelemetryPoint.Parse("bms_pack_soc"), range)).Points);

            await Store.DownsampleAsync(now.AddDays(-11), now);

            var series = await Store.SeriesAsync(vin, TelemetryPoint.Parse("bms_pack_soc"), range);
            Assert.Equal("365d", series.Source);
            Assert.InRange(series.Points.Count, 10 * 24, TelemetryRange.MaxPoints);
            Assert.True(series.Points[0].Value > series.Points[^1].Value, "state of charge falls over the history");
        }

        [Fact]
        public async Task The_fleet_state_comes_from_one_query_with_the_odometer_falling_back_to_the_downsampled_series()
        {
            var now = DateTimeOffset.UtcNow;
            var fresh = NewVin();
            var old = NewVin();
            var silent = NewVin();
            await WriteHistoryAsync(fresh, now, 30);
            // Only a down-sampled odometer, as for a vehicle silent for more than 30 days.
            using (var content = new StringContent($"telemetry,vin={old} last_odometer=4321.5 {now.AddDays(-40).ToUnixTimeMilliseconds()}"))
            {
                var http = portal.Services.GetRequiredService<IHttpClientFactory>().CreateClient(InfrastructureServiceCollectionExtensions.TelemetryClient);
                using var response = await http.PostAsync("write?db=amtelemetry&rp=365d&precision=ms", content);
                response.EnsureSuccessStatusCode();
            }

            // Hostile "VINs": statement injection, and patterns that would match every vehicle if they reached the regex unescaped.
            var states = await Store.LatestStatesAsync([fresh, old, silent, "DEV-X\" OR \"vin\" =~ /.*/", ".*", fresh[..10] + ".*", "DEV-|.", "a b\u00e9"]);

            Assert.Equal(8, states.Count);
            Assert.Equal(1000 + 29 * 0.5, states[0].OdometerKm);
            Assert.NotNull(states[0].Soc);
            Assert.Equal(44.05, states[0].Latitude);
            Assert.True(states[0].LastReport > now.AddMinutes(-2));
            Assert.Equal(4321.5, states[1].OdometerKm);
            Assert.Null(states[1].Soc);
            Assert.Equal((null, null, null), (states[2].Soc, states[2].OdometerKm, states[2].LastReport));
            Assert.All(states.Skip(3), s => Assert.Null(s.LastReport)); // a hostile "VIN" is a bound, escaped value, matching nothing
        }

        [Fact]
        public async Task The_three_continuous_queries_exist()
        {
            var http = portal.Services.GetRequiredService<IHttpClientFactory>().CreateClient(InfrastructureServiceCollectionExtensions.TelemetryClient);
            var queries = await InfluxSchema.ContinuousQueriesAsync(http, "amtelemetry");
            Assert.Equal(["cq_30m_last", "cq_30m_max", "cq_30m_mean"], queries.Order());
            await InfluxSchema.EnsureContinuousQueriesAsync(http, "amtelemetry"); // again: nothing changes
            Assert.Equal(3, (await InfluxSchema.ContinuousQueriesAsync(http, "amtelemetry")).Count);
        }

        [Fact]
        public async Task The_vehicle_telemetry_hides_the_position_of_a_vehicle_that_does_not_record_gps()
        {
            // The fourth demo vehicle is one that does not record its position.
            var vin = "DEV-" + DemoData.MakeVin('T', 'P', 40);
            var now = DateTimeOffset.UtcNow;
            await WriteHistoryAsync(vin, now, 5);
            await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
            var telemetry = scope.ServiceProvider.GetRequiredService<GetVehicleTelemetry>();
            var series = scope.ServiceProvider.GetRequiredService<GetTelemetrySeries>();

            var status = await telemetry.HandleAsync(vin);
            Assert.False(status.RecordsGps);
            Assert.Null(status.Latitude);
            Assert.NotNull(status.Soc);
            Assert.Equal(status.OdometerKm * 0.621371, status.OdometerMiles);
            await Assert.ThrowsAsync<ValidationFailedException>(() => series.HandleAsync(vin, "gps_latitude", now.AddHours(-1), now));
            var fleet = await scope.ServiceProvider.GetRequiredService<GetFleetLatestState>().HandleAsync([vin]);
            Assert.Null(fleet[0].Latitude);

            // The fleet map's question: one fleet's vehicles only, every vehicle counted, the same privacy.
            int fleetId;
            List<string> members;
            await using (var db = portal.CreateDb())
            {
                fleetId = await db.FleetVehicleSet.Where(f => f.Vin == vin && f.FleetId != Arc.Domain.Fleets.Fleet.MakerFleetId).Select(f => f.FleetId).FirstAsync();
                members = await db.FleetVehicleSet.Where(f => f.FleetId == fleetId).Select(f => f.Vin).ToListAsync();
            }
            var map = await scope.ServiceProvider.GetRequiredService<GetFleetMapState>().HandleAsync(fleetId);
            Assert.Equal(members.Count, map.Vehicles);
            Assert.Equal(members.Order(StringComparer.Ordinal), map.States.Select(s => s.Vin));
            Assert.Null(map.States.Single(s => s.Vin == vin).Latitude);
            Assert.Empty((await scope.ServiceProvider.GetRequiredService<GetFleetMapState>().HandleAsync(987_654)).States);
            await Assert.ThrowsAsync<ValidationFailedException>(() => series.HandleAsync(vin, "speed", now, now.AddHours(-1)));
            await Assert.ThrowsAsync<ValidationFailedException>(() => series.HandleAsync(vin, "speed\") FROM x; --", now.AddHours(-1), now));
            await Assert.ThrowsAsync<NotFoundException>(() => telemetry.HandleAsync("DEV-" + DemoData.MakeVin('T', 'L', 99_998)));
        }

        [Fact]
        public async Task A_raw_export_is_made_in_the_background_for_its_requester_only()
        {
            var vin = "DEV-" + DemoData.MakeVin('B', 'L', 131);
            var now = DateTimeOffset.UtcNow;
            await WriteHistoryAsync(vin, now, 3 * 24 * 60);
            await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
            var exports = scope.ServiceProvider.GetRequiredService<RequestTelemetryExport>();
            var list = scope.ServiceProvider.GetRequiredService<ListTelemetryExports>();

            var queued = await exports.HandleAsync(vin, ["speed", "bms_pack_soc"], now.AddDays(-2), now);
            var done = await Eventually.ReturnsAsync(async () => (await list.HandleAsync(vin)).Single(e => e.Id == queued.Id),
                e => e.Ready || e.Status == BackfillStatus.Failed, TimeSpan.FromSeconds(20), "The export finishing");
            Assert.True(done.Ready, done.Status);
            var file = await scope.ServiceProvider.GetRequiredService<DownloadTelemetryExport>().HandleAsync(queued.Id);
            using var reader = new StreamReader(new System.IO.Compression.GZipStream(new MemoryStream(file.GzipContent), System.IO.Compression.CompressionMode.Decompress));
            var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("time,speed,bms_pack_soc", lines[0]);
            Assert.InRange(lines.Length - 1, 2 * 24 * 60 - 2, 2 * 24 * 60 + 1);
            Assert.Equal(done.Rows, lines.Length - 1);

            var other = await portal.CreateUserAsync($"exp-{Guid.NewGuid():N}@arc.test", "support");
            await using (var otherScope = await portal.AsUserAsync(other))
                await Assert.ThrowsAsync<NotFoundException>(() => otherScope.ServiceProvider.GetRequiredService<DownloadTelemetryExport>().HandleAsync(queued.Id));
            await Assert.ThrowsAsync<ValidationFailedException>(() => exports.HandleAsync(vin, ["speed"], now.AddDays(-31), now));
            await Assert.ThrowsAsync<ValidationFailedException>(() => exports.HandleAsync(vin, ["speed"], now, now.AddDays(1)));
            await Assert.ThrowsAsync<ValidationFailedException>(() => exports.HandleAsync(vin, [], now.AddHours(-1), now));
            await Assert.ThrowsAsync<ValidationFailedException>(() => exports.HandleAsync(vin, ["speed\" FROM x"], now.AddHours(-1), now));
        }

        [Fact]
        public async Task The_definition_catalogue_holds_both_versions_and_can_be_searched()
        {
            await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
            var definitions = scope.ServiceProvider.GetRequiredService<ListTelemetryDefinitions>();
            var current = await definitions.HandleAsync();
            Assert.Equal([(TelemetryCatalogue.Current, 206), (TelemetryCatalogue.Legacy405, 75)], current.Versions.Select(v => (v.Name, v.Points)));
            var speed = current.Points.Single(p => p.Name == "speed");
            Assert.Equal((268, "float", "avg", 10.0, "km/h"), (speed.Address!.Value, speed.Type, speed.Report, speed.Scale, speed.Unit));
            Assert.Equal(-40, current.Points.Single(p => p.Name == "gearbox_temp").Offset);

            var legacy = await definitions.HandleAsync(current.Versions[1].Id, "BMS_PACK");
            Assert.Equal(new[] { "bms_pack_current", "bms_pack_dcl", "bms_pack_ccl", "bms_pack_health", "bms_pack_instantaneous_voltage", "bms_pack_soc" }.Order(),
                legacy.Points.Select(p => p.Name).Order());
            await Assert.ThrowsAsync<NotFoundException>(() => definitions.HandleAsync(987_654));
            await Assert.ThrowsAsync<ValidationFailedException>(() => definitions.HandleAsync(null, new string('x', 61)));
            Assert.Empty((await definitions.HandleAsync(null, "' OR 1=1 --")).Points);
        }
    }
}

namespace Arc.Portal.Tests.Domain
{
    public sealed class TelemetrySimulatorTests
    {
        [Fact]
        public void Demo_vehicles_drive_around_eugene_with_plausible_values_and_a_rising_odometer()
        {
            var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
            for (var vehicle = 0; vehicle < 5; vehicle++)
            {
                var previous = double.MinValue;
                var drove = false;
                for (var t = start; t < start.AddDays(3); t = t.AddMinutes(5))
                {
                    var fields = Arc.Infrastructure.Telemetry.TelemetrySimulator.Sample("DEV-X", vehicle, t).Fields;
                    Assert.InRange(fields["bms_pack_soc"], 20, 95);
                    Assert.InRange(fields["speed"], 0, 80);
                    Assert.InRange(fields["gps_latitude"], 43.9, 44.2);
                    Assert.InRange(fields["gps_longitude"], -123.3, -122.9);
                    Assert.True(fields["odometer"] >= previous, $"odometer fell at {t}");
                    previous = fields["odometer"];
                    drove |= fields["speed"] > 0;
                }
                Assert.True(drove);
                Assert.Equal(Arc.Infrastructure.Telemetry.TelemetrySimulator.Sample("DEV-X", vehicle, start).Fields,
                    Arc.Infrastructure.Telemetry.TelemetrySimulator.Sample("DEV-X", vehicle, start).Fields);
            }
        }
    }
}
