using System.Text.Json.Nodes;
using Arc.Domain.Common;
using Arc.Domain.Telemetry;
using Arc.Infrastructure.Intake.Mqtt;
using Arc.Infrastructure.Telemetry;

namespace Arc.Portal.Tests.Domain;

public sealed class DeviceTelemetryMessageTests
{
    [Fact]
    public void A_simulated_sample_sent_as_a_vehicle_sends_it_comes_back_through_the_ingest_transform_unchanged()
    {
        var at = new DateTimeOffset(2026, 12, 2, 8, 30, 15, 123, TimeSpan.Zero);
        var sample = TelemetrySimulator.Sample("DEV-7F7ATR31XLER00019", 3, at);

        var body = JsonNode.Parse(DeviceTelemetryMessage.Body(sample))!.AsObject();
        var back = Assert.Single(IngestTransform.Transform(body, DeploymentEnvironment.Dev, envPrefix: false));

        Assert.Equal(sample.Vin, back.Vin);
        Assert.Equal(at, back.Time);
        Assert.Equal(sample.Fields.OrderBy(f => f.Key), back.Fields.OrderBy(f => f.Key));
        // The old format: one data item, the position as a "lat,lon" text and the time as a date string.
        var item = body["data"]!.AsArray().Single()!.AsObject();
        Assert.Equal("2026-12-02T08:30:15.123Z", item["timestamp"]!.GetValue<string>());
        Assert.Matches(@"^44\.\d+,-123\.\d+$", item["gps_position"]!.GetValue<string>());
        Assert.False(item.ContainsKey("gps_latitude"));
    }
}
