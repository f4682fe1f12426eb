using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Arc.Domain.Intake;
using Arc.Infrastructure.Provisioning;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Arc.Infrastructure.Intake.Mqtt;

/// <summary>How many clients, publishes and subscriptions the broker has refused since it started.</summary>
public sealed class MqttRefusals
{
    private long _connections, _publishes, _subscriptions;

    public long Connections => Interlocked.Read(ref _connections);
    public long Publishes => Interlocked.Read(ref _publishes);
    public long Subscriptions => Interlocked.Read(ref _subscriptions);

    internal void Connection() => Interlocked.Increment(ref _connections);
    internal void Publish() => Interlocked.Increment(ref _publishes);
    internal void Subscription() => Interlocked.Increment(ref _subscriptions);
}

/// <summary>
/// Who may connect and what each client may do: a device is the VIN of its certificate and touches only its own
/// topics, the simulator (with this process's secret) publishes for any vehicle, nobody else gets in. What is let
/// through goes to the intake pipeline, not to other clients.
/// </summary>
internal sealed partial class MqttGate(LocalDeviceRegistry registry, IIntakePipeline pipeline, string simulatorSecret, TimeProvider time, ILogger logger)
{
    public const string SimulatorUser = "portal-simulator";
    /// <summary>Marks the portal's own replies, which are routed to the subscribed device instead of taken in.</summary>
    public const string PortalMarker = "arc-portal-reply";
    private const string VinItem = "vin";
    private const string CertificateItem = "certificate";
    private const string AnyVehicle = "*";

    public MqttRefusals Refusals { get; } = new();

    public async Task ValidateConnectionAsync(ValidatingConnectionEventArgs e)
    {
        var certificate = e.ChannelAdapter.ClientCertificate;
        if (certificate is not null)
        {
            // The TLS handshake has already checked the chain; what is left is who it names and whether it still counts.
            var vin = MqttDeviceCertificates.Vin(certificate);
            if (e.ClientId != vin)
                RefuseConnection(e, MqttConnectReasonCode.ClientIdentifierNotValid, "its client id is not the VIN of its certificate");
            else if (!await registry.IsActiveAsync(vin, MqttDeviceCertificates.Id(certificate)))
                RefuseConnection(e, MqttConnectReasonCode.NotAuthorized, "its certificate was revoked or replaced");
            else
                (e.SessionItems[VinItem], e.SessionItems[CertificateItem]) = (vin, MqttDeviceCertificates.Id(certificate));
        }
        else if (e.UserName == SimulatorUser && e.Password is { } password
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(simulatorSecret)))
        {
            e.SessionItems[VinItem] = AnyVehicle;
        }
        else
        {
            RefuseConnection(e, MqttConnectReasonCode.NotAuthorized, "it has neither a device certificate nor the simulator's secret");
        }
    }

    public async Task InterceptPublishAsync(InterceptingPublishEventArgs e)
    {
        if (e.SessionItems.Contains(PortalMarker))
            return;
        e.ProcessPublish = false;
        var topic = e.ApplicationMessage.Topic;
        var allowed = e.SessionItems[VinItem] as string;
        var parsed = IntakeTopics.Parse(topic);
        if (parsed is null || allowed is null)
        {
            RefusePublish(e, "vehicles do not publish to this topic");
            return;
        }
        if (allowed != AnyVehicle && parsed.Value.Vin != allowed)
        {
            RefusePublish(e, "a device publishes only to its own VIN's topics");
            return;
        }
        var message = new IntakeMessage(IntakeSource.Mqtt, Guid.CreateVersion7().ToString(), topic, e.ApplicationMessage.Payload.ToArray(),
            time.GetUtcNow(), DeviceVin: allowed == AnyVehicle ? null : allowed);
        try
        {
            // Waiting for room here stops the broker reading from this client, and a QoS 1 PUBACK goes out only after.
            _ = await pipeline.EnqueueAsync(message, e.CancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogHandOffFailed(logger, e.ClientId, topic, error);
            e.Response.ReasonCode = MqttPubAckReasonCode.UnspecifiedError;
            e.Response.ReasonString = "the portal could not take the message; send it again";
        }
    }

    public Task InterceptSubscriptionAsync(InterceptingSubscriptionEventArgs e)
    {
        var allowed = e.SessionItems[VinItem] as string;
        var vin = IntakeTopics.SubscriptionVin(e.TopicFilter.Topic);
        if (vin is null || allowed is null || (allowed != AnyVehicle && vin != allowed))
        {
            e.ProcessSubscription = false;
            e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            e.Response.ReasonString = "a device subscribes only to its own VIN's reply and shadow topics";
            Refusals.Subscription();
            LogSubscriptionRefused(logger, e.ClientId, e.TopicFilter.Topic);
        }
        return Task.CompletedTask;
    }

    /// <summary>Disconnects every connected device whose certificate is no longer the active one of its VIN (one query); returns how many.</summary>
    public async Task<int> DisconnectRevokedAsync(MqttServer server, CancellationToken ct)
    {
        var devices = (await server.GetClientsAsync())
            .Select(c => (Client: c, Vin: c.Session.Items[VinItem] as string, Certificate: c.Session.Items[CertificateItem] as string))
            .Where(d => d.Vin is not null && d.Vin != AnyVehicle && d.Certificate is not null)
            .Select(d => (d.Client, Pair: (d.Vin!, d.Certificate!)))
            .ToList();
        if (devices.Count == 0)
            return 0;
        var active = await registry.ActiveAmongAsync(devices.Select(d => d.Pair).ToList(), ct);
        var revoked = devices.Where(d => !active.Contains(d.Pair)).ToList();
        foreach (var (client, _) in revoked)
        {
            await client.DisconnectAsync(new MqttServerClientDisconnectOptions
            {
                ReasonCode = MqttDisconnectReasonCode.NotAuthorized,
                ReasonString = "the device's certificate was revoked or replaced",
            });
            Refusals.Connection();
            LogConnectionRefused(logger, client.Id, client.RemoteEndPoint, "its certificate was revoked or replaced while it was connected");
        }
        return revoked.Count;
    }

    private void RefuseConnection(ValidatingConnectionEventArgs e, MqttConnectReasonCode code, string reason)
    {
        e.ReasonCode = code;
        Refusals.Connection();
        LogConnectionRefused(logger, e.ClientId, e.RemoteEndPoint, reason);
    }

    private void RefusePublish(InterceptingPublishEventArgs e, string reason)
    {
        e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
        e.Response.ReasonString = reason;
        Refusals.Publish();
        LogPublishRefused(logger, e.ClientId, e.ApplicationMessage.Topic, reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT client {ClientId} from {Endpoint} refused: {Reason}")]
    private static partial void LogConnectionRefused(ILogger logger, string clientId, System.Net.EndPoint? endpoint, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT publish of {ClientId} to {Topic} refused: {Reason}")]
    private static partial void LogPublishRefused(ILogger logger, string clientId, string topic, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT subscription of {ClientId} to {Topic} refused")]
    private static partial void LogSubscriptionRefused(ILogger logger, string clientId, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT publish of {ClientId} to {Topic} could not be handed to the intake")]
    private static partial void LogHandOffFailed(ILogger logger, string clientId, string topic, Exception exception);
}
