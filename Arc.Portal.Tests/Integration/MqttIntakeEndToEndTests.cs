using System.Globalization;
using Arc.Domain.Intake;
using Arc.Domain.Telemetry;
using Arc.Portal.Tests.Support;
using MQTTnet;
using MQTTnet.Protocol;

namespace Arc.Portal.Tests.Integration;

/// <summary>The broker feeding the portal's own intake pipeline, which writes to the telemetry store.</summary>
public sealed class IntakeMqttPortal : MqttPortal
{
    protected override bool RecordsIntake => false;

    protected override void Configure(Dictionary<string, string?> settings) => settings["Intake:FlushInterval"] = "00:00:00.200";
}

public sealed class MqttIntakeEndToEndTests(IntakeMqttPortal fixture) : IClassFixture<IntakeMqttPortal>
{
    [Fact]
    public async Task Telemetry_a_vehicle_publishes_over_mqtt_becomes_its_latest_values()
    {
        var identity = await fixture.ProvisionAsync(MqttPortal.NewVin());
        var at = DateTimeOffset.UtcNow.AddSeconds(-30);
        var stamp = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var (client, _, _) = await fixture.ConnectAsync(identity.Vin, identity.Certificate(), identity.CaPem);
        using (client)
        {
            var ack = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(IntakeTopics.Telemetry(identity.Vin))
                .WithPayload($$"""{"vin":"{{identity.Vin}}","data":[{"speed":42.5,"bms_pack_soc":81,"gps_position":"44.05,-123.08","timestamp":"{{stamp}}"}]}""")
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            Assert.True(ack.IsSuccess, ack.ReasonString);
        }

        var store = fixture.Portal.Services.GetRequiredService<ITelemetryStore>();
        var points = new[] { TelemetryPoint.Parse("speed"), TelemetryPoint.Parse("bms_pack_soc"), TelemetryPoint.Parse("gps_latitude") };
        var latest = await Eventually.ReturnsAsync(() => store.LatestAsync(identity.Vin, points), l => l.Count == 3, TimeSpan.FromSeconds(20),
            "the published points in the telemetry store");
        Assert.Equal(42.5, latest["speed"].Value);
        Assert.Equal(81, latest["bms_pack_soc"].Value);
        Assert.Equal(44.05, latest["gps_latitude"].Value);
        Assert.Equal(at.ToUnixTimeMilliseconds(), latest["speed"].Time.ToUnixTimeMilliseconds()); // the device's time, not the arrival's
    }
}
