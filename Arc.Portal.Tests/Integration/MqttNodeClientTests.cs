using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Arc.Domain.Intake;
using Arc.Infrastructure.DevServices;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration;

/// <summary>The broker with a client that shares no code with the portal: the npm mqtt package, as a device's software would connect.</summary>
public sealed class MqttNodeClientTests(MqttPortal fixture) : IClassFixture<MqttPortal>
{
    private static async Task<JsonNode> RunDeviceAsync(object input)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(input));
            Environment.SetEnvironmentVariable("ARC_TOOLS", Path.Combine(EmbeddedServers.RepositoryRoot(AppContext.BaseDirectory), "tools"));
            return JsonNode.Parse(await ExternalTools.RunAsync("node", ExternalTools.ScriptPath("mqtt-device.js"), file))!;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private object Tls(DeviceIdentity identity, string clientId, bool withCertificate = true, object[]? publish = null, string? subscribe = null,
        int expect = 0)
    {
        return new
        {
            port = fixture.Broker.TlsPort, tls = true, clientId, ca = identity.CaPem,
            cert = withCertificate ? identity.CertificatePem : null, key = withCertificate ? identity.KeyPem : null,
            publish = publish ?? [], subscribe, expect,
        };
    }

    [Fact]
    public async Task A_device_with_its_identity_file_publishes_its_telemetry_and_is_refused_another_vehicles()
    {
        var identity = await fixture.ProvisionAsync(MqttPortal.NewVin());
        var other = MqttPortal.NewVin();
        var body = $$"""{"vin":"{{identity.Vin}}","data":[{"speed":12,"gps_position":"44.05,-123.08","timestamp":"2026-12-02T05:00:00Z"}]}""";

        var result = await RunDeviceAsync(Tls(identity, identity.Vin, publish:
        [
            new { topic = IntakeTopics.Telemetry(identity.Vin), body },
            new { topic = IntakeTopics.Telemetry(other), body = "{}" },
        ]));

        Assert.True(result["connected"]!.GetValue<bool>(), result.ToJsonString());
        var publishes = result["publishes"]!.AsArray();
        Assert.True(publishes[0]!["ok"]!.GetValue<bool>(), result.ToJsonString());
        Assert.False(publishes[1]!["ok"]!.GetValue<bool>());
        Assert.Contains("Not authorized", publishes[1]!["error"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        var received = Assert.Single(fixture.Pipeline.For(IntakeTopics.Telemetry(identity.Vin)));
        Assert.Equal(body, Encoding.UTF8.GetString(received.Body.Span));
        Assert.Equal(identity.Vin, received.DeviceVin);
        Assert.Empty(fixture.Pipeline.For(IntakeTopics.Telemetry(other)));
    }

    [Fact]
    public async Task Without_a_certificate_or_with_another_vins_client_id_the_device_is_not_connected()
    {
        var identity = await fixture.ProvisionAsync(MqttPortal.NewVin());

        var bare = await RunDeviceAsync(Tls(identity, identity.Vin, withCertificate: false));
        var impostor = await RunDeviceAsync(Tls(identity, MqttPortal.NewVin()));

        Assert.False(bare["connected"]!.GetValue<bool>(), bare.ToJsonString());
        Assert.False(impostor["connected"]!.GetValue<bool>(), impostor.ToJsonString());
        Assert.Equal(133, impostor["error"]!.GetValue<int>()); // MQTT 5 CONNACK 0x85: client identifier not valid
    }

    [Fact]
    public async Task An_anonymous_client_on_the_plain_port_gets_not_authorized()
    {
        var result = await RunDeviceAsync(new { port = fixture.Broker.Port, tls = false, clientId = "anonymous", publish = Array.Empty<object>() });

        Assert.False(result["connected"]!.GetValue<bool>(), result.ToJsonString());
        Assert.Equal(135, result["error"]!.GetValue<int>()); // MQTT 5 CONNACK 0x87
    }

    [Fact]
    public async Task A_subscribed_device_receives_its_definitions_answer()
    {
        var identity = await fixture.ProvisionAsync(MqttPortal.NewVin());
        var topic = IntakeTopics.Definitions(identity.Vin);
        var device = RunDeviceAsync(Tls(identity, identity.Vin, subscribe: topic, expect: 1));
        var replies = fixture.Portal.Services.GetRequiredService<IDeviceReplies>();
        // The device subscribes at a moment the test cannot see; the answer is sent until it has arrived.
        while (!device.IsCompleted)
        {
            await replies.PublishAsync(identity.Vin, topic, Encoding.UTF8.GetBytes("""{"points":["speed","bms_pack_soc"]}"""));
            await Task.WhenAny(device, Task.Delay(200));
        }

        var result = await device;
        Assert.Equal(1, result["subscribed"]![0]!.GetValue<int>());
        var message = result["received"]!.AsArray()[0]!;
        Assert.Equal(topic, message["topic"]!.GetValue<string>());
        Assert.Equal("""{"points":["speed","bms_pack_soc"]}""", message["body"]!.GetValue<string>());
    }
}
