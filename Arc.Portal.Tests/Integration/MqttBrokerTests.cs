using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Arc.Domain.Intake;
using Arc.Portal.Tests.Support;
using MQTTnet;
using MQTTnet.Protocol;

namespace Arc.Portal.Tests.Integration;

/// <summary>The portal's MQTT broker with a real MQTT client (MQTTnet's): who gets in, what each may publish and hear.</summary>
public sealed class MqttBrokerTests(MqttPortal fixture) : IClassFixture<MqttPortal>
{
    private static MqttApplicationMessage Message(string topic, string body) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(body).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();

    private static string Telemetry(string vin) =>
        $$"""{"vin":"{{vin}}","data":[{"speed":42.5,"timestamp":"2026-12-02T05:00:00.000Z"}]}""";

    [Fact]
    public async Task A_provisioned_vehicle_connects_with_its_identity_file_and_its_telemetry_reaches_the_intake()
    {
        var identity = await fixture.ProvisionAsync(MqttPortal.NewVin());
        var (client, result, error) = await fixture.ConnectAsync(identity.Vin, identity.Certificate(), identity.CaPem);
        using (client)
        {
            Assert.Null(error);
            Assert.Equal(MqttClientConnectResultCode.Success, result!.ResultCode);
            var topic = IntakeTopics.Telemetry(identity.Vin);
            var ack = await client.PublishAsync(Message(topic, Telemetry(identity.Vin)));

            Assert.True(ack.IsSuccess, ack.ReasonString);
            var received = Assert.Single(fixture.Pipeline.For(topic));
            Assert.Equal(IntakeSource.Mqtt, received.Source);
            Assert.Equal(identity.Vin, received.DeviceVin);
            Assert.Equal(Telemetry(identity.Vin), Encoding.UTF8.GetString(received.Body.Span));
            Assert.False(string.IsNullOrEmpty(received.MessageId));
        }
    }

    [Fact]
    public async Task A_device_may_publish_its_check_ins_and_requests_under_its_own_vin()
    {
        var identity = await fixture.ProvisionAsync(MqttPortal.NewVin());
        var (client, _, _) = await fixture.ConnectAsync(identity.Vin, identity.Certificate(), identity.CaPem);
        using (client)
        {
            foreach (var topic in new[] { IntakeTopics.Registration(identity.Vin), IntakeTopics.ShadowDocuments(identity.Vin), IntakeTopics.DefinitionsRequest(identity.Vin) })
            {
                Assert.True((await client.PublishAsync(Message(topic, "{}"))).IsSuccess, topic);
                Assert.Single(fixture.Pipeline.For(topic));
            }
        }
    }

    [Fact]
    public async Task A_publish_to_another_vehicles_topic_is_refused_as_not_authorized_and_nothing_is_taken_in()
    {
        var identity = await fixture.ProvisionAsync(MqttPortal.NewVin());
        var other = MqttPortal.NewVin();
        var (client, _, _) = await fixture.ConnectAsync(identity.Vin, identity.Certificate(), identity.CaPem);
        using (client)
        {
            var refusedBefore = fixture.Broker.Refusals.Publishes;
            var foreign = await client.PublishAsync(Message(IntakeTopics.Telemetry(other), Telemetry(other)));
            var nowhere = await client.PublishAsync(Message($"vehicles/{identity.Vin}/firmware", "{}"));

            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, foreign.ReasonCode);
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, nowhere.ReasonCode);
            Assert.Empty(fixture.Pipeline.For(IntakeTopics.Telemetry(other)));
            Assert.Empty(fixture.Pipeline.For($"vehicles/{identity.Vin}/firmware"));
            Assert.Equal(refusedBefore + 2, fixture.Broker.Refusals.Publishes);
            // Refused, not thrown out: its own telemetry still goes through on the same connection.
            Assert.True((await client.PublishAsync(Message(IntakeTopics.Telemetry(identity.Vin), Telemetry(identity.Vin)))).IsSuccess);
        }
    }

    [Fact]
    public async Task A_device_subscribes_to_its_own_reply_topic_but_not_to_another_vehicles_or_to_everything()
    {
        var identity = await fixture.ProvisionAsync(MqttPortal.NewVin());
        var (client, _, _) = await fixture.ConnectAsync(identity.Vin, identity.Certificate(), identity.CaPem);
        using (client)
        {
            var own = await client.SubscribeAsync(IntakeTopics.Definitions(identity.Vin), MqttQualityOfServiceLevel.AtLeastOnce);
            var other = await client.SubscribeAsync(IntakeTopics.Definitions(MqttPortal.NewVin()), MqttQualityOfServiceLevel.AtLeastOnce);
            var all = await client.SubscribeAsync("vehicles/#", MqttQualityOfServiceLevel.AtLeastOnce);

            Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, own.Items.Single().ResultCode);
            Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, other.Items.Single().ResultCode);
            Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, all.Items.Single().ResultCode);
        }
    }

    [Fact]
    public async Task The_definitions_answer_reaches_the_subscribed_device_and_only_it()
    {
        var identity = await fixture.ProvisionAsync(MqttPortal.NewVin());
        var (client, _, _) = await fixture.ConnectAsync(identity.Vin, identity.Certificate(), identity.CaPem);
        using (client)
        {
            var received = new TaskCompletionSource<(string Topic, string Body)>(TaskCreationOptions.RunContinuationsAsynchronously);
            client.ApplicationMessageReceivedAsync += e =>
            {
                received.TrySetResult((e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString()));
                return Task.CompletedTask;
            };
            await client.SubscribeAsync(IntakeTopics.Definitions(identity.Vin), MqttQualityOfServiceLevel.AtLeastOnce);
            var replies = fixture.Portal.Services.GetRequiredService<IDeviceReplies>();

            await Assert.ThrowsAsync<ArgumentException>(() =>
                replies.PublishAsync(MqttPortal.NewVin(), IntakeTopics.Definitions(identity.Vin), Encoding.UTF8.GetBytes("{}")));
            await replies.PublishAsync(identity.Vin, IntakeTopics.Definitions(identity.Vin), Encoding.UTF8.GetBytes("""{"points":["speed"]}"""));

            var (topic, body) = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(IntakeTopics.Definitions(identity.Vin), topic);
            Assert.Equal("""{"points":["speed"]}""", body);
            Assert.Empty(fixture.Pipeline.For(topic)); // the portal's own reply is not taken in as if a vehicle had sent it
        }
    }

    [Fact]
    public async Task A_qos1_publish_is_acknowledged_only_once_the_intake_has_room_for_it()
    {
        var identity = await fixture.ProvisionAsync(MqttPortal.NewVin());
        var (client, _, _) = await fixture.ConnectAsync(identity.Vin, identity.Certificate(), identity.CaPem);
        using (client)
        {
            var topic = IntakeTopics.Telemetry(identity.Vin);
            fixture.Pipeline.Full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Task<MqttClientPublishResult> publish;
            try
            {
                publish = client.PublishAsync(Message(topic, Telemetry(identity.Vin)));
                await Task.Delay(TimeSpan.FromMilliseconds(500));
                Assert.False(publish.IsCompleted);
            }
            finally
            {
                fixture.Pipeline.Full.SetResult();
                fixture.Pipeline.Full = null;
            }
            Assert.True((await publish.WaitAsync(TimeSpan.FromSeconds(10))).IsSuccess);
            Assert.Single(fixture.Pipeline.For(topic));
        }
    }

    [Fact]
    public async Task A_device_without_a_certificate_or_with_one_from_another_ca_does_not_get_in()
    {
        var identity = await fixture.ProvisionAsync(MqttPortal.NewVin());
        var (none, _, noneError) = await fixture.ConnectAsync(identity.Vin, null, identity.CaPem);
        using var foreign = ForeignCertificate(identity.Vin);
        var (rogue, _, rogueError) = await fixture.ConnectAsync(identity.Vin, foreign, identity.CaPem);
        using (none)
        using (rogue)
        {
            Assert.NotNull(noneError);
            Assert.NotNull(rogueError);
            Assert.False(none.IsConnected);
            Assert.False(rogue.IsConnected);
        }
    }

    [Fact]
    public async Task A_client_id_other_than_the_certificates_vin_is_refused()
    {
        var identity = await fixture.ProvisionAsync(MqttPortal.NewVin());
        var (client, result, error) = await fixture.ConnectAsync(MqttPortal.NewVin(), identity.Certificate(), identity.CaPem);
        using (client)
        {
            Assert.False(client.IsConnected);
            Assert.True(result?.ResultCode == MqttClientConnectResultCode.ClientIdentifierNotValid
                || error?.Message.Contains("ClientIdentifierNotValid", StringComparison.Ordinal) == true, error?.ToString());
        }
    }

    [Fact]
    public async Task A_certificate_replaced_by_provisioning_again_no_longer_gets_in_and_the_new_one_does()
    {
        var vin = MqttPortal.NewVin();
        var first = await fixture.ProvisionAsync(vin);
        var second = await fixture.ProvisionAsync(vin, again: true);
        await fixture.Portal.SideEffectsSettledAsync();

        var refusedBefore = fixture.Broker.Refusals.Connections;
        var (old, oldResult, oldError) = await fixture.ConnectAsync(vin, first.Certificate(), first.CaPem);
        var (current, currentResult, _) = await fixture.ConnectAsync(vin, second.Certificate(), second.CaPem);
        using (old)
        using (current)
        {
            Assert.False(old.IsConnected, $"{oldResult?.ResultCode}");
            Assert.True(oldResult?.ResultCode == MqttClientConnectResultCode.NotAuthorized
                || oldError?.Message.Contains("NotAuthorized", StringComparison.Ordinal) == true, oldError?.ToString());
            Assert.Equal(refusedBefore + 1, fixture.Broker.Refusals.Connections);
            Assert.Equal(MqttClientConnectResultCode.Success, currentResult!.ResultCode);
        }
    }

    [Fact]
    public async Task A_connected_device_whose_certificate_is_replaced_is_disconnected_without_waiting_for_it_to_reconnect()
    {
        var vin = MqttPortal.NewVin();
        var first = await fixture.ProvisionAsync(vin);
        await fixture.Portal.SideEffectsSettledAsync();
        var (client, result, error) = await fixture.ConnectAsync(vin, first.Certificate(), first.CaPem);
        using (client)
        {
            Assert.Equal(MqttClientConnectResultCode.Success, result?.ResultCode ?? throw error!);
            var disconnected = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
            client.DisconnectedAsync += e =>
            {
                disconnected.TrySetResult(e);
                return Task.CompletedTask;
            };

            await fixture.ProvisionAsync(vin, again: true);
            await fixture.Portal.SideEffectsSettledAsync();

            var gone = await disconnected.Task.WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(MqttClientDisconnectReason.NotAuthorized, gone.Reason);
            Assert.Equal("the device's certificate was revoked or replaced", gone.ReasonString);
            Assert.False(await fixture.Broker.IsConnectedAsync(vin));
        }
    }

    [Fact]
    public async Task An_anonymous_client_on_the_plain_port_is_refused_as_not_authorized()
    {
        var (anonymous, result, error) = await fixture.ConnectPlainAsync("anonymous");
        var (guessing, guessResult, guessError) = await fixture.ConnectPlainAsync("guessing", "portal-simulator", "not-the-secret");
        using (anonymous)
        using (guessing)
        {
            Assert.False(anonymous.IsConnected);
            Assert.False(guessing.IsConnected);
            Assert.True(result?.ResultCode == MqttClientConnectResultCode.NotAuthorized || error?.Message.Contains("NotAuthorized", StringComparison.Ordinal) == true,
                error?.ToString());
            Assert.True(guessResult?.ResultCode == MqttClientConnectResultCode.NotAuthorized
                || guessError?.Message.Contains("NotAuthorized", StringComparison.Ordinal) == true, guessError?.ToString());
        }
    }

    /// <summary>A certificate naming the VIN, for client authentication, from a CA the portal never heard of.</summary>
    private static X509Certificate2 ForeignCertificate(string vin)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Somebody Else's CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={vin}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1), RandomNumberGenerator.GetBytes(16));
        return X509Certificate2.CreateFromPem(issued.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
