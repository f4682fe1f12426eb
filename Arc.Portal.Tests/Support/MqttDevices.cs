using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Arc.Domain.Intake;
using Arc.Domain.Provisioning;
using Arc.Infrastructure.Intake.Mqtt;
using Arc.Infrastructure.Seeding;
using MQTTnet;
using MQTTnet.Formatter;

namespace Arc.Portal.Tests.Support;

/// <summary>A vehicle's identity file as provisioning hands it over: the certificate and key a device connects with.</summary>
public sealed record DeviceIdentity(string Vin, string CertificatePem, string KeyPem, string CaPem)
{
    public X509Certificate2 Certificate() => X509Certificate2.CreateFromPem(CertificatePem, KeyPem);

    public static DeviceIdentity From(string identityFile)
    {
        var json = JsonNode.Parse(identityFile)!;
        return new DeviceIdentity(json["vin"]!.GetValue<string>(), json["client_cert"]!.GetValue<string>(), json["client_key"]!.GetValue<string>(),
            json["aws_cert"]!.GetValue<string>());
    }
}

/// <summary>A portal whose broker runs on ports the system chooses and hands messages to a recording pipeline.</summary>
public class MqttPortal : IAsyncLifetime
{
    private static int _serial = 70_000;

    public PortalServer Portal { get; } = new();
    public RecordingPipeline Pipeline { get; } = new();
    public MqttBroker Broker => Portal.Services.GetRequiredService<MqttBroker>();

    public async Task InitializeAsync()
    {
        Portal.Settings["Mqtt:Enabled"] = "true";
        Portal.Settings["Mqtt:Port"] = "0";
        Portal.Settings["Mqtt:TlsPort"] = "0";
        Portal.Settings["Mqtt:RevocationCheckInterval"] = "00:00:00.200";
        if (RecordsIntake)
            Portal.ReplaceServices = services => services.AddSingleton<IIntakePipeline>(Pipeline);
        Configure(Portal.Settings);
        await Portal.InitializeAsync();
    }

    /// <summary>Whether the broker hands messages to <see cref="Pipeline"/> instead of the portal's own intake pipeline.</summary>
    protected virtual bool RecordsIntake => true;

    /// <summary>Settings a fixture adds to the broker's.</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    public Task DisposeAsync() => Portal.DisposeAsync();

    public static string NewVin() => "DEV-" + DemoData.MakeVin('T', 'P', Interlocked.Increment(ref _serial));

    /// <summary>Provisions the VIN (again, when <paramref name="again"/>, which rotates its certificate) and returns its identity.</summary>
    public async Task<DeviceIdentity> ProvisionAsync(string vin, bool again = false)
    {
        await using var scope = await Portal.AsUserAsync(await Portal.AdminUsernameAsync());
        var result = await scope.ServiceProvider.GetRequiredService<ProvisionVehicle>()
            .HandleAsync(new ProvisionRequest(vin, 3, new VehicleOptions(true, false, true), false, PreservePin: again));
        Assert.True(result.Succeeded, result.Error);
        return DeviceIdentity.From(result.IdentityFile!);
    }

    /// <summary>Connects an MQTTnet client over TLS, trusting the identity's CA for the broker's certificate.</summary>
    public async Task<(IMqttClient Client, MqttClientConnectResult? Result, Exception? Error)> ConnectAsync(string clientId, X509Certificate2? certificate,
        string caPem)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithClientId(clientId).WithTcpServer("127.0.0.1", Broker.TlsPort)
            .WithProtocolVersion(MqttProtocolVersion.V500).WithTimeout(TimeSpan.FromSeconds(10))
            .WithTlsOptions(o => o.UseTls().WithTargetHost("localhost")
                .WithClientCertificates(certificate is null ? [] : new X509Certificate2Collection(certificate))
                .WithTrustChain(new X509Certificate2Collection(X509Certificate2.CreateFromPem(caPem))))
            .Build();
        try
        {
            return (client, await client.ConnectAsync(options), null);
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or MQTTnet.Adapter.MqttConnectingFailedException)
        {
            return (client, null, e);
        }
    }

    /// <summary>Connects to the plain endpoint, with or without credentials.</summary>
    public async Task<(IMqttClient Client, MqttClientConnectResult? Result, Exception? Error)> ConnectPlainAsync(string clientId, string? username = null,
        string? password = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var builder = new MqttClientOptionsBuilder().WithClientId(clientId).WithTcpServer("127.0.0.1", Broker.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500).WithTimeout(TimeSpan.FromSeconds(10));
        if (username is not null)
            builder = builder.WithCredentials(username, password);
        try
        {
            return (client, await client.ConnectAsync(builder.Build()), null);
        }
        catch (MQTTnet.Adapter.MqttConnectingFailedException e)
        {
            return (client, null, e);
        }
    }
}
