using System.Text;
using System.Text.Json.Nodes;
using Arc.Domain.Intake;
using Arc.Domain.Shadows;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Arc.Portal.Tests.Integration.Intake.IntakeTestData;

namespace Arc.Portal.Tests.Integration.Intake;

/// <summary>What vehicles send besides telemetry, through the intake: registration, shadow documents, definitions requests.</summary>
public sealed class CheckInTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private IIntakePipeline Pipeline => portal.Services.GetRequiredService<IIntakePipeline>();

    private sealed class RecordedReplies : IDeviceReplies
    {
        public readonly List<(string Vin, string Topic, string Payload)> Sent = [];

        public Task PublishAsync(string vin, string topic, ReadOnlyMemory<byte> payload, CancellationToken ct = default)
        {
            Sent.Add((vin, topic, Encoding.UTF8.GetString(payload.Span)));
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task The_first_registration_keeps_what_the_vehicle_reports_installs_its_release_parts_and_notes_it()
    {
        var vin = await NewVehicleAsync(portal);
        var body = $"{{\"vin\":\"{vin}\",\"data\":{{\"message\":\"hello\",\"iccid\":\"8901260882290000000\",\"board\":1105,\"telemetry_settings:version\":\"405\"}}}}";

        var outcome = await Pipeline.SendAsync(Message(body, topic: IntakeTopics.Registration(vin)));

        Assert.Equal(IntakeResult.Written, outcome.Result);
        await using var db = portal.CreateDb();
        var meta = await db.VehicleMetaSet.AsNoTracking().Where(m => m.Vin == vin).ToListAsync();
        Assert.Contains(meta, m => (m.Section, m.Key, m.Value) == ("registration", "iccid", "8901260882290000000"));
        Assert.Contains(meta, m => (m.Section, m.Key, m.Value) == ("registration", "board", "1105"));
        Assert.Contains(meta, m => (m.Section, m.Key, m.Value) == ("telemetry_settings", "version", "405"));
        var release = await db.VehicleSet.Where(v => v.Vin == vin).Select(v => v.ModelReleaseId).SingleAsync();
        var releaseParts = await db.ModelPartSet.Where(p => p.ModelReleaseId == release).CountAsync();
        Assert.Equal(releaseParts, await db.Set<Arc.Domain.Models.VehiclePartInstalled>().CountAsync(p => p.Vin == vin));
        var notes = await db.NoteSet.Where(n => n.ObjectId == vin).Select(n => n.Content).ToListAsync();
        Assert.Contains("Initial Parts Set", notes);
        Assert.Contains("Vehicle registered", notes);
    }

    [Fact]
    public async Task The_first_registration_records_the_current_firmware_of_each_component_once()
    {
        var hashes = new Dictionary<string, string>();
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            await scope.ServiceProvider.GetRequiredService<Arc.Domain.Firmware.RecordFirmwareRelease>().HandleAsync("release.json",
                FirmwareTestData.FullManifest(DateTimeOffset.UtcNow.AddDays(-1), hashes));
        var vin = await NewVehicleAsync(portal);
        var body = $"{{\"vin\":\"{vin}\",\"data\":{{\"iccid\":\"8901260882290000001\"}}}}";

        Assert.Equal(IntakeResult.Written, (await Pipeline.SendAsync(Message(body, topic: IntakeTopics.Registration(vin)))).Result);
        // A later registration (a new SIM, say) updates the metadata only.
        Assert.Equal(IntakeResult.Written, (await Pipeline.SendAsync(Message(body.Replace("0001", "0002", StringComparison.Ordinal), topic: IntakeTopics.Registration(vin)))).Result);

        await using var db = portal.CreateDb();
        var recorded = await db.Set<Arc.Domain.Firmware.VehicleFirmwareInstalled>().Where(f => f.Vin == vin).Select(f => new { f.Component, f.Release!.Hash }).ToListAsync();
        Assert.NotEmpty(recorded);
        // Each recorded hash is the one the release gave that component's variant.
        Assert.All(recorded, r => Assert.Contains(r.Hash, hashes.Values));
        var notes = await db.NoteSet.Where(n => n.ObjectId == vin).Select(n => n.Content).ToListAsync();
        Assert.Single(notes, "Initial Firmware Versions Set");
        Assert.Contains("Vehicle registration updated", notes);
        await using var scope2 = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        var firmware = await scope2.ServiceProvider.GetRequiredService<Arc.Domain.Firmware.GetVehicleFirmware>().HandleAsync(vin);
        Assert.All(firmware.Components.Where(c => c.CurrentHash is not null), c => Assert.Equal(c.CurrentHash, c.RecordedHash));
    }

    [Fact]
    public async Task A_registration_that_writes_a_reserved_section_or_has_no_data_is_refused_and_changes_nothing()
    {
        var vin = await NewVehicleAsync(portal);

        var reserved = await Pipeline.SendAsync(Message($"{{\"vin\":\"{vin}\",\"data\":{{\"groups:x\":\"1\"}}}}", topic: IntakeTopics.Registration(vin)));
        var empty = await Pipeline.SendAsync(Message($"{{\"vin\":\"{vin}\",\"data\":{{}}}}", topic: IntakeTopics.Registration(vin)));
        var hidden = await Pipeline.SendAsync(Message($"{{\"vin\":\"{vin}\",\"data\":{{\"owner\":\"a\\u202Eb\"}}}}", topic: IntakeTopics.Registration(vin)));

        Assert.Equal([IntakeResult.Refused, IntakeResult.Refused, IntakeResult.Refused], new[] { reserved.Result, empty.Result, hidden.Result });
        Assert.Contains("reserved section 'groups'", reserved.Reason, StringComparison.Ordinal);
        await using var db = portal.CreateDb();
        Assert.False(await db.VehicleMetaSet.AnyAsync(m => m.Vin == vin));
    }

    [Fact]
    public async Task A_shadow_document_puts_what_the_vehicle_reports_into_the_shadow()
    {
        var vin = await NewVehicleAsync(portal);
        var shadows = portal.Services.GetRequiredService<IDeviceShadows>();
        await shadows.UpdateAsync(vin, new ShadowUpdate(new JsonObject { ["record_gps"] = true }, null));
        var document = $"{{\"previous\":null,\"current\":{{\"state\":{{\"desired\":{{\"record_gps\":true}},\"reported\":{{\"record_gps\":true,\"comm_version\":\"2.4.1\"}}}},\"version\":7}},\"timestamp\":1764600000}}";

        var outcome = await Pipeline.SendAsync(Message(document, topic: IntakeTopics.ShadowDocuments(vin)));

        Assert.Equal(IntakeResult.Written, outcome.Result);
        var shadow = await shadows.GetAsync(vin);
        Assert.Equal("2.4.1", shadow!.Reported["comm_version"]!.GetValue<string>());
        Assert.True(shadow.Reported["record_gps"]!.GetValue<bool>());
        Assert.Null(shadow.Delta);
    }

    [Fact]
    public async Task A_definitions_request_is_answered_on_the_vehicles_own_topic_and_the_default_version_recorded()
    {
        var vin = await NewVehicleAsync(portal);
        var replies = new RecordedReplies();
        await using var scope = portal.Services.CreateAsyncScope();
        var answer = ActivatorUtilities.CreateInstance<AnswerDefinitionsRequest>(scope.ServiceProvider, replies);

        await answer.HandleAsync(new DecodedMessage(IntakeTopicKind.DefinitionsRequest, vin, [], new JsonObject { ["vin"] = vin }), CancellationToken.None);

        var (to, topic, payload) = Assert.Single(replies.Sent);
        Assert.Equal((vin, $"vehicles/{vin}/telemetry/defs"), (to, topic));
        var definitions = JsonNode.Parse(payload)!.AsObject();
        Assert.Equal(DesiredState.DefaultTelemetryVersion, definitions["_version"]!.GetValue<string>());
        Assert.Equal(1024, definitions["bms_pack_soc"]!["address"]!.GetValue<int>());
        Assert.Equal("nz", definitions["hv_fault"]!["report"]!.GetValue<string>());
        await using var db = portal.CreateDb();
        Assert.Equal(DesiredState.DefaultTelemetryVersion,
            await db.VehicleMetaSet.Where(m => m.Vin == vin && m.Section == "telemetry_settings").Select(m => m.Value).SingleAsync());
    }
}
