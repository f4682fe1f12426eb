using Arc.Domain.Intake;
using Arc.Domain.Telemetry;
using MQTTnet;
using MQTTnet.Protocol;

namespace Arc.Infrastructure.Intake.Mqtt;

/// <summary>
/// The development simulator's connection to the broker: its samples travel the path a vehicle's do (MQTT, the intake
/// pipeline, batched writes) instead of being written straight to the store.
/// </summary>
public sealed class SimulatorLink : IDisposable
{
    private readonly IMqttClient _client;

    private SimulatorLink(IMqttClient client) => _client = client;

    /// <summary>A link when the broker and its plain endpoint run; null when the simulator should write directly.</summary>
    public static async Task<SimulatorLink?> ConnectAsync(MqttBroker broker, CancellationToken ct)
    {
        if (!broker.Enabled || !await broker.Started.WaitAsync(ct) || broker.Port == 0)
            return null;
        return new SimulatorLink(await broker.ConnectSimulatorAsync(ct));
    }

    /// <summary>Publishes each sample as its vehicle's message (QoS 1) and returns how many the broker refused.</summary>
    public async Task<int> PublishAsync(IReadOnlyList<TelemetrySample> samples, CancellationToken ct)
    {
        if (!_client.IsConnected)
            await _client.ReconnectAsync(ct);
        var refused = 0;
        foreach (var sample in samples)
        {
            var message = new MqttApplicationMessageBuilder().WithTopic(IntakeTopics.Telemetry(sample.Vin))
                .WithPayload(DeviceTelemetryMessage.Body(sample)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
            if (!(await _client.PublishAsync(message, ct)).IsSuccess)
                refused++;
        }
        return refused;
    }

    public void Dispose() => _client.Dispose();
}
