using System.Text.Json.Nodes;
using Arc.Domain.Common;
using Arc.Domain.Intake;
using Arc.Domain.Telemetry;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration;

/// <summary>The demo simulator running with the broker, as in Development, with no history to write.</summary>
public sealed class SimulatingMqttPortal : MqttPortal
{
    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["TelemetrySimulator:Enabled"] = "true";
        settings["TelemetrySimulator:History"] = "00:00:00";
        settings["TelemetrySimulator:Interval"] = "00:00:00.300";
    }
}

public sealed class MqttSimulatorTests(SimulatingMqttPortal fixture) : IClassFixture<SimulatingMqttPortal>
{
    [Fact]
    public async Task The_simulated_vehicles_report_through_the_broker_in_the_format_real_vehicles_use()
    {
        var messages = await Eventually.ReturnsAsync(() => Task.FromResult(fixture.Pipeline.Messages.ToList()),
            m => m.Select(x => x.Topic).Distinct().Count() >= 2, TimeSpan.FromSeconds(20), "simulated messages through the broker");

        var message = messages[0];
        Assert.Equal(IntakeSource.Mqtt, message.Source);
        Assert.Null(message.DeviceVin); // the simulator proves no vehicle's identity; the body's VIN is checked by the pipeline
        var topic = IntakeTopics.Parse(message.Topic)!.Value;
        Assert.Equal(IntakeTopicKind.Telemetry, topic.Kind);
        Assert.StartsWith("DEV-", topic.Vin, StringComparison.Ordinal);
        var sample = Assert.Single(IngestTransform.Transform(JsonNode.Parse(message.Body.Span)!.AsObject(), DeploymentEnvironment.Dev, envPrefix: false));
        Assert.Equal(topic.Vin, sample.Vin);
        Assert.Contains("bms_pack_soc", sample.Fields.Keys);
        Assert.Contains("gps_latitude", sample.Fields.Keys);
        Assert.InRange(sample.Time, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }
}
