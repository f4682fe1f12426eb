using System.Text.Json.Nodes;
using Arc.Domain.Common;
using Arc.Domain.Telemetry;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration;

public sealed class TelemetryStoreTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly string Vin = "DEV-" + DemoData.MakeVin('T', 'L', 19);

    [Fact]
    public void The_ingest_transform_splits_gps_turns_booleans_into_numbers_and_drops_nulls()
    {
        var record = JsonNode.Parse($$"""
            {"vin":"{{Vin[4..]}}","data":[
              {"timestamp":"2026-11-25 10:00:00","bms_pack_soc":81.5,"gps_position":"44.0521,-123.0868","charging":true,"odometer":null,"note":"text"},
              {"timestamp":"2026-11-25 10:00:01","speed":42}
            ]}
            """)!.AsObject();
        var samples = IngestTransform.Transform(record, DeploymentEnvironment.Dev, envPrefix: true);
        Assert.Equal(2, samples.Count);
        Assert.Equal(Vin, samples[0].Vin);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero), samples[0].Time);
        Assert.Equal(81.5, samples[0].Fields["bms_pack_soc"]);
        Assert.Equal(44.0521, samples[0].Fields["gps_latitude"]);
        Assert.Equal(-123.0868, samples[0].Fields["gps_longitude"]);
        Assert.Equal(1, samples[0].Fields["charging"]);
        Assert.False(samples[0].Fields.ContainsKey("odometer"));
        Assert.False(samples[0].Fields.ContainsKey("note"));
    }

    [Theory]
    [InlineData("""{"data":[]}""", "needs a vin")]
    [InlineData("""{"vin":"7F7ATR31XLER00019"}""", "needs a data list")]
    [InlineData("""{"vin":"7F7ATR31XLER00019","data":[{"speed":1}]}""", "timestamp")]
    [InlineData("""{"vin":"7F7ATR31XLER00019","data":[{"timestamp":"2026-01-01","speed\" = 1 OR \"x":1}]}""", "not a telemetry point name")]
    [InlineData("""{"vin":"7F7ATR31XLER00019' OR '1'='1","data":[]}""", "VIN")]
    public void Malformed_records_are_refused(string json, string reason)
    {
        var error = Assert.Throws<ValidationFailedException>(() => IngestTransform.Transform(JsonNode.Parse(json)!.AsObject(), DeploymentEnvironment.Dev, false));
        Assert.Contains(reason, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Env_prefix_is_refused_in_production()
    {
        var record = JsonNode.Parse("""{"vin":"7F7ATR31XLER00019","data":[]}""")!.AsObject();
        Assert.Throws<ValidationFailedException>(() => IngestTransform.Transform(record, DeploymentEnvironment.Prod, envPrefix: true));
    }

    [Theory]
    [InlineData("speed\" FROM telemetry; DROP DATABASE amtelemetry; --")]
    [InlineData("Speed")]
    [InlineData("")]
    [InlineData("a'b")]
    public void Point_names_that_could_carry_influxql_are_refused(string name) =>
        Assert.Throws<ValidationFailedException>(() => TelemetryPoint.Parse(name));

    [Fact]
    public async Task Written_samples_come_back_as_the_latest_values_for_that_vehicle_only()
    {
        var store = portal.Services.GetRequiredService<ITelemetryStore>();
        var now = DateTimeOffset.UtcNow;
        var now0 = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
        // VINs no other test writes telemetry for: the store is shared, and a demo vehicle's latest value moves under others' tests.
        var mine = "DEV-" + DemoData.MakeVin('T', 'M', 97_002);
        var other = "DEV-" + DemoData.MakeVin('T', 'M', 97_001);
        await store.WriteAsync(
        [
            new TelemetrySample(mine, now0.AddMinutes(-2), new Dictionary<string, double> { ["bms_pack_soc"] = 70, ["odometer"] = 1200.5 }),
            new TelemetrySample(mine, now0.AddMinutes(-1), new Dictionary<string, double> { ["bms_pack_soc"] = 68.5 }),
            new TelemetrySample(other, now0, new Dictionary<string, double> { ["bms_pack_soc"] = 12 }),
        ]);
        var latest = await store.LatestAsync(mine, [TelemetryPoint.Parse("bms_pack_soc"), TelemetryPoint.Parse("odometer"), TelemetryPoint.Parse("speed")]);
        Assert.Equal(new LatestValue(68.5, now0.AddMinutes(-1)), latest["bms_pack_soc"]);
        Assert.Equal(1200.5, latest["odometer"].Value);
        Assert.False(latest.ContainsKey("speed"));

        // A hostile VIN is only ever a bound value: it matches nothing and runs nothing.
        var hostile = await store.LatestAsync("x' OR vin =~ /.*/ --", [TelemetryPoint.Parse("bms_pack_soc")]);
        Assert.Empty(hostile);
    }
}
