using System.Text.Json.Nodes;
using Arc.Domain.Common;
using Arc.Domain.Firmware;
using Arc.Domain.Shadows;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>Firmware releases recorded from manifests, a vehicle's recorded and reported firmware, marking it current and the fleet report, on PostgreSQL.</summary>
public sealed class FirmwareTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private async Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        return await work(scope.ServiceProvider);
    }

    private Task<FirmwareReleaseRecorded> RecordAsync(byte[] manifest) =>
        AsAdminAsync(sp => sp.GetRequiredService<RecordFirmwareRelease>().HandleAsync("release.json", manifest));

    private async Task<string> VehicleOfReleaseAsync(int releaseId)
    {
        var vin = (await FleetTestData.AddVehiclesAsync(portal, 1))[0];
        await using var db = portal.CreateDb();
        (await db.VehicleSet.SingleAsync(v => v.Vin == vin)).ModelReleaseId = releaseId;
        await db.SaveChangesAsync();
        return vin;
    }

    [Fact]
    public async Task A_manifest_becomes_a_release_per_hosting_part_type_and_sending_it_again_changes_nothing()
    {
        var hashes = new Dictionary<string, string>();
        var manifest = FirmwareTestData.FullManifest(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero), hashes);
        var first = await RecordAsync(manifest);
        Assert.All(first.Components, c => Assert.True(c.New));
        Assert.Equal(["Inverter - Left", "Inverter - Right", "Inverters (legacy)"], first.Components.Single(c => c.Component == "Inverter Firmware").PartTypes);
        var again = await RecordAsync(manifest);
        Assert.All(again.Components, c => Assert.False(c.New));

        var releases = await AsAdminAsync(sp => sp.GetRequiredService<ListFirmwareReleases>().HandleAsync());
        Assert.Equal(hashes["004280 Comm Firmware"], releases.Current.Single(r => r.Component == "004280 Comm Firmware").Hash);
        await using var db = portal.CreateDb();
        Assert.Equal(3, await db.Set<FirmwareRelease>().CountAsync(r => r.Hash == hashes["Inverter Firmware"]));
        Assert.Equal(2, await db.AuditSet.CountAsync(a => a.Action == FirmwareAuditActions.ReleaseRecorded && a.EntityId == first.RepositoryCommit));
    }

    [Fact]
    public async Task A_manifest_with_an_unknown_component_records_nothing()
    {
        await using var before = portal.CreateDb();
        var count = await before.Set<FirmwareRelease>().CountAsync();
        var bad = System.Text.Encoding.UTF8.GetBytes($$$$"""{"firmware": {"a": {"hash": "{{{{FirmwareTestData.NewHash()}}}}", "date": "2025-01-01T00:00:00Z", "name": "VCU Firmware"}, "b": {"hash": "abcdef0", "date": "2025-01-01T00:00:00Z", "name": "Flux Capacitor"}}}""");
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => RecordAsync(bad));
        Assert.Contains("Flux Capacitor", e.Message, StringComparison.Ordinal);
        await using var after = portal.CreateDb();
        Assert.Equal(count, await after.Set<FirmwareRelease>().CountAsync());
    }

    [Fact]
    public async Task A_vehicle_behind_is_marked_current_with_its_part_variants_and_the_report_follows()
    {
        await RecordAsync(FirmwareTestData.FullManifest(new DateTimeOffset(2025, 4, 1, 9, 0, 0, TimeSpan.Zero)));
        var vin = await VehicleOfReleaseAsync(3);
        var unknown = await AsAdminAsync(sp => sp.GetRequiredService<GetVehicleFirmware>().HandleAsync(vin));
        Assert.Equal(FirmwareState.Unknown, unknown.Overall);
        Assert.Equal("004280 Comm Firmware", unknown.Components.Single(c => c.Component == "Comm Firmware").Release);
        Assert.Equal("001412 Inverter Profile Left", unknown.Components.Single(c => c.Component == "Inverter Profile - Left").Release);

        await AsAdminAsync(sp => sp.GetRequiredService<MarkVehicleFirmwareCurrent>().HandleAsync(vin));
        var current = await AsAdminAsync(sp => sp.GetRequiredService<GetVehicleFirmware>().HandleAsync(vin));
        Assert.Equal(FirmwareState.UpToDate, current.Overall);
        Assert.True(current.AllowsGovernor);

        var newer = new Dictionary<string, string>();
        await RecordAsync(FirmwareTestData.FullManifest(new DateTimeOffset(2025, 5, 1, 9, 0, 0, TimeSpan.Zero), newer, ["004280 Comm Firmware"]));
        await portal.Services.GetRequiredService<IDeviceShadows>().UpdateAsync(vin,
            new ShadowUpdate(null, new JsonObject { ["firmware"] = new JsonObject { ["Comm Firmware"] = newer["004280 Comm Firmware"] } }));
        var behind = await AsAdminAsync(sp => sp.GetRequiredService<GetVehicleFirmware>().HandleAsync(vin));
        Assert.Equal(FirmwareState.Behind, behind.Overall);
        var comm = behind.Components.Single(c => c.Component == "Comm Firmware");
        Assert.Equal((newer["004280 Comm Firmware"], FirmwareState.Behind, true), (comm.ReportedHash, comm.State, comm.ReportDiffers));

        var report = await AsAdminAsync(sp => sp.GetRequiredService<ListFirmwareStatus>().HandleAsync(new FirmwareStatusQuery(vin, FirmwareState.Behind, "Comm Firmware")));
        var row = Assert.Single(report.Rows.Items);
        Assert.Equal(["Comm Firmware"], row.Behind);
        Assert.Equal(0, row.Unknown);

        // A hash the caller saw earlier is no longer the current release's: nothing is recorded.
        Task<FirmwareMarked> MarkAsync(params FirmwareChoice[] choices) =>
            AsAdminAsync(sp => sp.GetRequiredService<MarkVehicleFirmwareCurrent>().HandleAsync(vin, choices));
        var stale = await Assert.ThrowsAsync<ValidationFailedException>(() => MarkAsync(new FirmwareChoice("Comm Firmware", comm.RecordedHash)));
        Assert.Contains("is not the current release of 004280 Comm Firmware", stale.Message, StringComparison.Ordinal);
        Assert.Equal(FirmwareState.Behind, (await AsAdminAsync(sp => sp.GetRequiredService<GetVehicleFirmware>().HandleAsync(vin))).Overall);
        await Assert.ThrowsAsync<ValidationFailedException>(() => MarkAsync([.. Enumerable.Range(0, MarkVehicleFirmwareCurrent.MaxChoices + 1).Select(i => new FirmwareChoice($"c{i}"))]));

        // Named by its variant's release, with the hash pinned to the current one.
        var marked = await MarkAsync(new FirmwareChoice("004280 Comm Firmware", newer["004280 Comm Firmware"].ToUpperInvariant()));
        Assert.Equal(["Comm Firmware"], marked.Changed);
        // A retry finds it current, changes nothing (no second note or audit event) and answers what is recorded.
        var again = await MarkAsync(new FirmwareChoice("Comm Firmware"));
        Assert.Empty(again.Changed);
        Assert.Equal(newer["004280 Comm Firmware"], Assert.Single(again.Chosen).CurrentHash);
        await Assert.ThrowsAsync<ValidationFailedException>(() => MarkAsync(new FirmwareChoice("<script>")));
        Assert.Equal(FirmwareState.UpToDate, (await AsAdminAsync(sp => sp.GetRequiredService<GetVehicleFirmware>().HandleAsync(vin))).Overall);

        await using var db = portal.CreateDb();
        var notes = await db.NoteSet.Include(n => n.Tags).Where(n => n.ObjectId == vin).ToListAsync();
        Assert.Single(notes, n => n.Content == $"Firmware Comm Firmware set to {newer["004280 Comm Firmware"]}" && n.Tags.Single().TagName == "firmware");
        Assert.Equal(2, await db.AuditSet.CountAsync(a => a.Action == FirmwareAuditActions.VehicleMarkedCurrent && a.EntityId == vin));
    }

    [Fact]
    public async Task A_support_member_reads_firmware_but_may_not_mark_it_current()
    {
        var vin = await VehicleOfReleaseAsync(2);
        var support = await portal.CreateUserAsync($"support-{Guid.NewGuid():N}@arc.test", "support");
        await using var scope = await portal.AsUserAsync(support);
        await scope.ServiceProvider.GetRequiredService<GetVehicleFirmware>().HandleAsync(vin);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => scope.ServiceProvider.GetRequiredService<MarkVehicleFirmwareCurrent>().HandleAsync(vin));
    }
}
