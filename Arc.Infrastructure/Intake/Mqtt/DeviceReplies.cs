using System.Net.Http.Headers;
using Arc.Domain.Intake;
using Arc.Infrastructure.Aws;

namespace Arc.Infrastructure.Intake.Mqtt;

/// <summary>
/// Replies go through the portal's broker to a vehicle connected to it (a bench device, the demo), and otherwise to
/// where the vehicle really is: AWS IoT Core in production (with no AWS configured, nowhere, said in the log).
/// </summary>
public sealed class BrokerFirstDeviceReplies(MqttBroker broker, IDeviceReplies elsewhere) : IDeviceReplies
{
    public async Task PublishAsync(string vin, string topic, ReadOnlyMemory<byte> payload, CancellationToken ct = default)
    {
        // A reply goes only to the vehicle it is for; anything else would be the portal leaking one vehicle's data to another.
        if (IntakeTopics.SubscriptionVin(topic) != vin)
            throw new ArgumentException($"{topic} is not a topic of {vin}.", nameof(topic));
        if (await broker.IsConnectedAsync(vin))
            await broker.PublishAsync(topic, payload, ct);
        else
            await elsewhere.PublishAsync(vin, topic, payload, ct);
    }
}

/// <summary>
/// Publishes through AWS IoT Core's data plane (<c>POST /topics/{topic}?qos=1</c>, SigV4 for "iotdata"), which
/// delivers to the vehicle's MQTT session like any other publish.
/// </summary>
public sealed class AwsDeviceReplies(HttpClient http, TimeProvider time) : IDeviceReplies
{
    public const string SigningName = "iotdata";
    private const string Service = "AWS IoT";

    public async Task PublishAsync(string vin, string topic, ReadOnlyMemory<byte> payload, CancellationToken ct = default)
    {
        // The topic is one path segment: its slashes are escaped, as the AWS SDKs send it.
        using var response = await AwsRest.SendAsync(http, () =>
        {
            var content = new ByteArrayContent(payload.ToArray());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            return new HttpRequestMessage(HttpMethod.Post, $"topics/{Uri.EscapeDataString(topic)}?qos=1") { Content = content };
        }, time, ct);
        await AwsRest.EnsureSuccessAsync(response, Service, ct);
    }
}
