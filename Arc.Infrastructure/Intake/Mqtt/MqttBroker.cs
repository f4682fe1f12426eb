using System.Collections;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Arc.Domain.Intake;
using Arc.Infrastructure.Provisioning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Arc.Infrastructure.Intake.Mqtt;

/// <summary>
/// The MQTT broker inside the portal (MQTTnet, its own sockets, never IPv6 wildcards): a TLS endpoint for devices with
/// the certificates provisioning issued, and a plain one for the in-process simulator. Whatever it accepts goes to the
/// intake pipeline; the only messages it routes to subscribers are the portal's own replies.
/// </summary>
public sealed partial class MqttBroker(IOptions<MqttOptions> options, IServiceProvider services, TimeProvider time, ILogger<MqttBroker> logger)
    : IHostedService, IDisposable
{
    private readonly TaskCompletionSource<bool> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _simulatorSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
    private MqttServer? _server;
    private MqttGate? _gate;
    private X509Certificate2? _serverCertificate, _root;
    private readonly CancellationTokenSource _stopping = new();
    private Task _revocations = Task.CompletedTask;

    public bool Enabled => options.Value.Enabled;

    /// <summary>Completes once the broker listens (true) or when it is off (false).</summary>
    public Task<bool> Started => _started.Task;

    /// <summary>The plain endpoint's port once started (the chosen one when configured as 0); 0 when it does not listen.</summary>
    public int Port { get; private set; }

    /// <summary>The TLS endpoint's port once started.</summary>
    public int TlsPort { get; private set; }

    /// <summary>The CA devices and the broker's certificate chain to (what a client passes as its trusted CA).</summary>
    public X509Certificate2 RootCertificate => _root ?? throw new InvalidOperationException("The broker has not started.");

    public MqttRefusals Refusals => _gate?.Refusals ?? new MqttRefusals();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            _started.TrySetResult(false);
            return;
        }
        try
        {
            var registry = services.GetService<LocalDeviceRegistry>()
                ?? throw new InvalidOperationException("The MQTT broker trusts the local device CA; it cannot run while devices are registered in AWS IoT.");
            _serverCertificate = await ServerCertificateAsync(settings, registry, cancellationToken);
            _root = X509Certificate2.CreateFromPem(registry.RootCertificatePem);
            _gate = new MqttGate(registry, services.GetRequiredService<IIntakePipeline>(), _simulatorSecret, time, logger);
            var serverOptions = Build(settings, _serverCertificate, _root);
            _server = new MqttServerFactory().CreateMqttServer(serverOptions);
            _server.ValidatingConnectionAsync += _gate.ValidateConnectionAsync;
            _server.InterceptingPublishAsync += _gate.InterceptPublishAsync;
            _server.InterceptingSubscriptionAsync += _gate.InterceptSubscriptionAsync;
            await _server.StartAsync();
            // A port of 0 is written back with the one the system chose.
            Port = settings.PlainEnabled ? serverOptions.DefaultEndpointOptions.Port : 0;
            TlsPort = serverOptions.TlsEndpointOptions.Port;
            LogListening(logger, settings.BindAddress, Port, TlsPort);
            _revocations = WatchRevocationsAsync(settings.RevocationCheckInterval, _stopping.Token);
            _started.TrySetResult(true);
        }
        catch (Exception e)
        {
            _started.TrySetException(e);
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _revocations;
        if (_server is not null)
            await _server.StopAsync();
    }

    /// <summary>Until the broker stops, disconnects devices whose certificate was revoked or replaced since they connected.</summary>
    private async Task WatchRevocationsAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await _gate!.DisconnectRevokedAsync(_server!, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The registry may be unreachable for a moment; the next round looks again.
                    LogRevocationCheckFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Whether a device with this VIN is connected to the broker now.</summary>
    public async Task<bool> IsConnectedAsync(string vin)
    {
        if (_server is not { IsStarted: true })
            return false;
        return (await _server.GetClientsAsync()).Any(c => c.Id == vin);
    }

    /// <summary>Sends the portal's own message to whoever subscribed to the topic (QoS 1).</summary>
    public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        var server = _server is { IsStarted: true } s ? s : throw new InvalidOperationException("The MQTT broker is not running.");
        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        return server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message)
        {
            SenderClientId = "arc-portal",
            CustomSessionItems = new Hashtable { [MqttGate.PortalMarker] = true },
        }, ct);
    }

    /// <summary>
    /// The user name and secret the plain endpoint accepts from the simulator, for a client in this process that speaks
    /// MQTT itself (the intake benchmark's publishers). The secret is made at start and never leaves the process.
    /// </summary>
    public (string User, string Secret) SimulatorCredentials => (MqttGate.SimulatorUser, _simulatorSecret);

    /// <summary>A client of the plain endpoint signed in as the simulator, which may publish for any vehicle.</summary>
    public async Task<IMqttClient> ConnectSimulatorAsync(CancellationToken ct)
    {
        if (Port == 0)
            throw new InvalidOperationException("The broker's plain endpoint is off (Mqtt:PlainEnabled).");
        var client = new MqttClientFactory().CreateMqttClient();
        try
        {
            await client.ConnectAsync(new MqttClientOptionsBuilder()
                .WithClientId("arc-portal-simulator-" + Guid.NewGuid().ToString("N")[..8])
                .WithTcpServer(options.Value.BindAddress, Port)
                .WithProtocolVersion(MqttProtocolVersion.V500)
                .WithCredentials(MqttGate.SimulatorUser, _simulatorSecret)
                .Build(), ct);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task<X509Certificate2> ServerCertificateAsync(MqttOptions settings, LocalDeviceRegistry registry, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(settings.CertificatePemFile))
            return X509Certificate2.CreateFromPemFile(settings.CertificatePemFile, settings.KeyPemFile);
        IPAddress[] addresses = settings.Address.Equals(IPAddress.Loopback) || settings.Address.Equals(IPAddress.Any)
            ? [IPAddress.Loopback]
            : [IPAddress.Loopback, settings.Address];
        return await registry.IssueServerCertificateAsync([LocalDeviceRegistry.LocalEndpoint], addresses, ct);
    }

    private static MqttServerOptions Build(MqttOptions settings, X509Certificate2 certificate, X509Certificate2 root)
    {
        var builder = new MqttServerOptionsBuilder()
            .WithEncryptedEndpoint()
            .WithEncryptedEndpointBoundIPAddress(settings.Address)
            .WithEncryptedEndpointBoundIPV6Address(IPAddress.None)
            .WithEncryptedEndpointPort(settings.TlsPort)
            .WithEncryptionCertificate(certificate)
            .WithClientCertificate(MqttDeviceCertificates.Validator(root));
        if (settings.PlainEnabled)
        {
            builder = builder.WithDefaultEndpoint()
                .WithDefaultEndpointBoundIPAddress(settings.Address)
                .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
                .WithDefaultEndpointPort(settings.Port);
        }
        else
        {
            builder = builder.WithoutDefaultEndpoint();
        }
        return builder.Build();
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _server?.Dispose();
        _serverCertificate?.Dispose();
        _root?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The MQTT broker could not check connected devices' certificates; it tries again at the next interval")]
    private static partial void LogRevocationCheckFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT broker listening on {Address}: plain port {Port} (0 = off), TLS port {TlsPort}")]
    private static partial void LogListening(ILogger logger, string address, int port, int tlsPort);
}
