using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Arc.Domain.Common;
using Arc.Domain.Firmware;
using Arc.Domain.Intake;
using Arc.Domain.Notes;
using Arc.Domain.Recalls;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Arc.Portal.Tests.Integration.Intake.IntakeTestData;

namespace Arc.Portal.Tests.Integration;

/// <summary>
/// Remedies over the air counted from the firmware vehicles report (decision 0049), through the real intake on
/// PostgreSQL: the entry, its history, audit, note and data stamp, and the public lookup after it.
/// </summary>
public sealed class OverTheAirRemedyTests(FreshRecallLookupPortal fixture) : IClassFixture<FreshRecallLookupPortal>
{
    private PortalServer Portal => fixture.Portal;
    private IIntakePipeline Pipeline => Portal.Services.GetRequiredService<IIntakePipeline>();

    private async Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = await Portal.AsUserAsync(await Portal.AdminUsernameAsync());
        return await action(scope.ServiceProvider);
    }

    /// <summary>Records a release of the Comm firmware (and its Discoboard variant) and answers the hashes by component.</summary>
    private async Task<Dictionary<string, string>> ReleaseAsync(DateTimeOffset committed)
    {
        var hashes = new Dictionary<string, string>();
        var manifest = FirmwareTestData.FullManifest(committed, hashes, ["Comm Firmware", "004280 Comm Firmware"]);
        await AsAdminAsync(sp => sp.GetRequiredService<RecordFirmwareRelease>().HandleAsync("release.json", manifest));
        return hashes;
    }

    /// <summary>A recall with the given remedy, holding the given vehicles, open.</summary>
    private async Task<(int Id, string Number)> RecallAsync(RemedyType type, RemedyFirmware? firmware, params string[] vins)
    {
        var (id, number) = await RecallTestData.CreateAsync(Portal, "Brake controller update");
        await AsAdminAsync(sp => sp.GetRequiredService<CreateRemedy>().HandleAsync(id, "Update the brake controller firmware.", type, firmware));
        await RecallTestData.AddToRecallAsync(Portal, id, vins);
        return (id, number);
    }

    private static string ShadowDocument(string component, string hash, DateTimeOffset at) =>
        new JsonObject
        {
            ["previous"] = null,
            ["current"] = new JsonObject { ["state"] = new JsonObject { ["reported"] = new JsonObject { ["firmware"] = new JsonObject { [component] = hash } } }, ["version"] = 3 },
            ["timestamp"] = at.ToUnixTimeSeconds(),
        }.ToJsonString();

    private async Task ReportAsync(string vin, string component, string hash, DateTimeOffset at)
    {
        var outcome = await Pipeline.SendAsync(Message(ShadowDocument(component, hash, at), topic: IntakeTopics.ShadowDocuments(vin)));
        Assert.Equal(IntakeResult.Written, outcome.Result);
    }

    private async Task<int> LookupCountAsync(string vin)
    {
        using var client = new HttpClient { BaseAddress = Portal.BaseAddress };
        return (await client.GetFromJsonAsync<JsonElement>($"recalls/v1/vin/{vin}")).GetProperty("Count").GetInt32();
    }

    [Fact]
    public async Task A_vehicle_reporting_the_remedy_firmware_through_its_shadow_is_remedied_with_evidence_and_leaves_the_lookup()
    {
        var hashes = await ReleaseAsync(DateTimeOffset.UtcNow.AddDays(-2));
        var vin = await NewVehicleAsync(Portal);
        var (id, number) = await RecallAsync(RemedyType.OverTheAir, new RemedyFirmware("Comm Firmware", hashes["Comm Firmware"]), vin);
        Assert.Equal(1, await LookupCountAsync(vin));
        var reportedAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-3).ToUnixTimeSeconds());

        await ReportAsync(vin, "Comm Firmware", hashes["Comm Firmware"].ToUpperInvariant(), reportedAt);

        var entry = (await RecallTestData.EntriesAsync(Portal, id))[vin];
        Assert.Equal((RecallVehicleStatus.Remedied, DateOnly.FromDateTime(reportedAt.UtcDateTime)), (entry.Status, entry.ServiceDate));
        Assert.Equal(new OverTheAirEvidence("Comm Firmware", hashes["Comm Firmware"].ToUpperInvariant(), reportedAt, FirmwareReportSource.Shadow),
            RemedyFirmwareRules.EvidenceOf(entry));
        await using (var db = Portal.CreateDb())
        {
            var steps = await db.Set<RecallVehicleEvent>().Where(e => e.RecallId == id && e.Vin == vin).OrderBy(e => e.Id).Select(e => e.State).ToListAsync();
            Assert.Equal([RecallVehicleState.Open, RecallVehicleState.Remedied], steps);
            var audit = await db.AuditSet.SingleAsync(a => a.Action == RecallAuditActions.RemediedOverTheAir && a.EntityId == id.ToString());
            Assert.Contains(vin, audit.Summary, StringComparison.Ordinal);
            var note = await db.NoteSet.Include(n => n.Tags).SingleAsync(n => n.ObjectType == NoteObjectTypes.Vehicle && n.ObjectId == vin && n.Content.Contains("over the air"));
            Assert.True(note.System);
            Assert.Equal("recalls", note.Tags.Single().TagName);
            Assert.Contains(number, note.Content, StringComparison.Ordinal);
        }
        Assert.Equal(0, await LookupCountAsync(vin));
        var page = await AsAdminAsync(sp => sp.GetRequiredService<ListRecallVehicles>().HandleAsync(new RecallVehicleQuery(id)));
        Assert.StartsWith("Remedied over the air: Comm Firmware ", page.Page.Items.Single().OverTheAir!.Describe(), StringComparison.Ordinal);

        // The same report again, or one through a registration, changes nothing more.
        await ReportAsync(vin, "Comm Firmware", hashes["Comm Firmware"], DateTimeOffset.UtcNow);
        var registration = new JsonObject
        {
            ["vin"] = vin, ["data"] = new JsonObject { ["board"] = 1043, ["firmware"] = new JsonObject { ["Comm Firmware"] = hashes["Comm Firmware"] } },
        }.ToJsonString();
        Assert.Equal(IntakeResult.Written, (await Pipeline.SendAsync(Message(registration, topic: IntakeTopics.Registration(vin)))).Result);
        await using var after = Portal.CreateDb();
        Assert.Equal(2, await after.Set<RecallVehicleEvent>().CountAsync(e => e.RecallId == id && e.Vin == vin));
        Assert.Equal(1, await after.AuditSet.CountAsync(a => a.Action == RecallAuditActions.RemediedOverTheAir && a.EntityId == id.ToString()));
        Assert.False(await after.VehicleMetaSet.AnyAsync(m => m.Vin == vin && m.Key == "firmware"));
        Assert.True(await after.VehicleMetaSet.AnyAsync(m => m.Vin == vin && m.Key == "board"));
    }

    [Fact]
    public async Task A_dealer_only_remedy_an_older_version_and_entries_people_closed_stay_as_they_are()
    {
        var older = await ReleaseAsync(DateTimeOffset.UtcNow.AddDays(-20));
        var fix = await ReleaseAsync(DateTimeOffset.UtcNow.AddDays(-10));
        var (onOlder, inspected, dealerOnly) = (await NewVehicleAsync(Portal), await NewVehicleAsync(Portal), await NewVehicleAsync(Portal));
        var (ota, _) = await RecallAsync(RemedyType.Both, new RemedyFirmware("Comm Firmware", fix["Comm Firmware"]), onOlder, inspected);
        var (dealer, _) = await RecallAsync(RemedyType.DealerRepair, null, dealerOnly);
        await RecallTestData.EditEntryAsync(Portal, ota, inspected, new RecallVehicleDraft(RecallVehicleStatus.Inspected, DateOnly.FromDateTime(DateTime.UtcNow)));
        var stamps = await RecallTestData.CountAsync<RecallDataUpdate>(Portal);

        await ReportAsync(onOlder, "Comm Firmware", older["Comm Firmware"], DateTimeOffset.UtcNow);
        await ReportAsync(inspected, "Comm Firmware", fix["Comm Firmware"], DateTimeOffset.UtcNow);
        await ReportAsync(dealerOnly, "Comm Firmware", fix["Comm Firmware"], DateTimeOffset.UtcNow);
        await ReportAsync(onOlder, "Display Firmware", fix["Comm Firmware"], DateTimeOffset.UtcNow);

        var entries = await RecallTestData.EntriesAsync(Portal, ota);
        Assert.Equal((RecallVehicleStatus.Open, RecallVehicleStatus.Inspected), (entries[onOlder].Status, entries[inspected].Status));
        Assert.Null(RemedyFirmwareRules.EvidenceOf(entries[inspected]));
        Assert.Equal(RecallVehicleStatus.Open, (await RecallTestData.EntriesAsync(Portal, dealer))[dealerOnly].Status);
        Assert.Equal(stamps, await RecallTestData.CountAsync<RecallDataUpdate>(Portal));
        Assert.Equal(1, await LookupCountAsync(onOlder));
    }

    [Fact]
    public async Task Two_reports_at_once_complete_the_entry_once()
    {
        var fix = await ReleaseAsync(DateTimeOffset.UtcNow.AddDays(-1));
        var (throughIntake, direct) = (await NewVehicleAsync(Portal), await NewVehicleAsync(Portal));
        var (id, _) = await RecallAsync(RemedyType.OverTheAir, new RemedyFirmware("004280 Comm Firmware", fix["004280 Comm Firmware"]), throughIntake, direct);

        // Two documents (a second apart, so the intake does not drop one as a duplicate) at once.
        await Task.WhenAll(
            ReportAsync(throughIntake, "Comm Firmware", fix["004280 Comm Firmware"], DateTimeOffset.UtcNow.AddSeconds(-2)),
            ReportAsync(throughIntake, "Comm Firmware", fix["004280 Comm Firmware"], DateTimeOffset.UtcNow.AddSeconds(-1)));
        var report = new FirmwareReport(direct, new Dictionary<string, string> { ["004280 Comm Firmware"] = fix["004280 Comm Firmware"] },
            DateTimeOffset.UtcNow, FirmwareReportSource.CheckIn);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var scope = Portal.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<RecordOverTheAirRemedies>().HandleAsync(report);
        }));

        Assert.Equal(1, results.Count(r => r.Count == 1));
        var entries = await RecallTestData.EntriesAsync(Portal, id);
        Assert.All(entries.Values, e => Assert.Equal(RecallVehicleStatus.Remedied, e.Status));
        Assert.Equal(FirmwareReportSource.CheckIn, entries[direct].OtaSource);
        await using var db = Portal.CreateDb();
        foreach (var vin in new[] { throughIntake, direct })
        {
            Assert.Equal(1, await db.Set<RecallVehicleEvent>().CountAsync(e => e.RecallId == id && e.Vin == vin && e.State == RecallVehicleState.Remedied));
            Assert.Equal(1, await db.NoteSet.CountAsync(n => n.ObjectId == vin && n.Content.Contains("over the air")));
        }
        Assert.Equal(2, await db.AuditSet.CountAsync(a => a.Action == RecallAuditActions.RemediedOverTheAir && a.EntityId == id.ToString()));
    }

    [Fact]
    public async Task A_remedy_names_only_a_recorded_release_of_a_known_component_and_a_dealer_repair_names_none()
    {
        var fix = await ReleaseAsync(DateTimeOffset.UtcNow.AddDays(-1));
        var (id, _) = await RecallTestData.CreateAsync(Portal, "Remedy firmware checks");
        Task Create(RemedyType type, RemedyFirmware firmware) =>
            AsAdminAsync(async sp => { await sp.GetRequiredService<CreateRemedy>().HandleAsync(id, "Update.", type, firmware); return 0; });

        var unknown = await Assert.ThrowsAsync<ValidationFailedException>(() => Create(RemedyType.OverTheAir, new("Flux Capacitor", fix["Comm Firmware"])));
        Assert.Contains("not a firmware component", unknown.Errors["firmwareComponent"][0], StringComparison.Ordinal);
        var unrecorded = await Assert.ThrowsAsync<ValidationFailedException>(() => Create(RemedyType.OverTheAir, new("Comm Firmware", FirmwareTestData.NewHash())));
        Assert.Contains("not a recorded release", unrecorded.Errors["firmwareHash"][0], StringComparison.Ordinal);
        var otherComponent = await Assert.ThrowsAsync<ValidationFailedException>(() => Create(RemedyType.OverTheAir, new("Display Firmware", fix["Comm Firmware"])));
        Assert.True(otherComponent.Errors.ContainsKey("firmwareHash"));
        await Assert.ThrowsAsync<ValidationFailedException>(() => Create(RemedyType.DealerRepair, new("Comm Firmware", fix["Comm Firmware"])));
        Assert.False(await AsAdminAsync(async sp => { await using var db = Portal.CreateDb(); return await db.Set<RecallRemedy>().AnyAsync(m => m.RecallId == id); }));

        await Create(RemedyType.OverTheAir, new("Comm Firmware", fix["Comm Firmware"].ToUpperInvariant()));
        var choices = await AsAdminAsync(sp => sp.GetRequiredService<ListRemedyFirmware>().HandleAsync());
        Assert.Contains(choices, c => c.Component == "Comm Firmware" && c.Hash == fix["Comm Firmware"]);
        await AsAdminAsync(async sp => { await sp.GetRequiredService<EditRemedy>().HandleAsync(id, "Update.", RemedyType.DealerRepair); return 0; });
        await using var db = Portal.CreateDb();
        var remedy = await db.Set<RecallRemedy>().AsNoTracking().SingleAsync(m => m.RecallId == id);
        Assert.Equal((RemedyType.DealerRepair, null), (remedy.Type, remedy.Firmware));
    }
}
