using Arc.Domain.Common;
using Arc.Domain.Firmware;
using Arc.Domain.Models;
using Arc.Domain.Permissions;
using Arc.Domain.Shadows;
using Arc.Domain.Vehicles;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>
/// Issue 18 item 2: the speed governor and GPS recording set on a vehicle, stored as the old system stored them, noted,
/// audited and published to the shadow; the status cards' facts; bad input refused with nothing changed.
/// </summary>
public sealed class VehicleConfigurationTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private async Task<string> ConfiguratorAsync()
    {
        var username = await portal.CreateUserAsync($"configurator-{Guid.NewGuid():N}@arc.test", "all");
        await portal.AddToGroupAsync(username, await portal.CreateGroupAsync($"Governor {Guid.NewGuid():N}"[..17], Perm.VehicleConfigurationWrite));
        return username;
    }

    private async Task<T> AsAsync<T>(string username, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = await portal.AsUserAsync(username);
        return await work(scope.ServiceProvider);
    }

    private async Task<System.Text.Json.Nodes.JsonObject> DesiredAsync(string vin)
    {
        await portal.SideEffectsSettledAsync();
        return (await portal.Services.GetRequiredService<IDeviceShadows>().GetAsync(vin))!.Desired;
    }

    private async Task<string?> MetaAsync(string vin, string section, string key)
    {
        await using var db = portal.CreateDb();
        return await db.VehicleMetaSet.Where(m => m.Vin == vin && m.Section == section && m.Key == key).Select(m => m.Value).SingleOrDefaultAsync();
    }

    private async Task AllowGovernorAsync(string vin, string admin)
    {
        await using (var db = portal.CreateDb())
        {
            // Release 3 carries the Discoboard Comm part; a Comm build after the first governor build allows it.
            (await db.VehicleSet.SingleAsync(v => v.Vin == vin)).ModelReleaseId = 3;
            await db.SaveChangesAsync();
        }
        await AsAsync(admin, sp => sp.GetRequiredService<RecordFirmwareRelease>()
            .HandleAsync("release.json", FirmwareTestData.FullManifest(GovernorRule.FirstGovernorBuild.AddDays(10), null, ["004280 Comm Firmware"])));
        await AsAsync(admin, async sp => { await sp.GetRequiredService<MarkVehicleFirmwareCurrent>().HandleAsync(vin, [new("Comm Firmware")]); return 0; });
    }

    [Fact]
    public async Task The_governor_is_refused_until_the_firmware_allows_it_then_stored_in_kmh_noted_audited_and_published()
    {
        var vin = (await FleetTestData.AddVehiclesAsync(portal, 1))[0];
        var user = await ConfiguratorAsync();

        // Refused while the recorded Comm firmware does not understand it, on the field, and nothing is kept.
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => AsAsync(user, sp => sp.GetRequiredService<SetSpeedGovernor>().HandleAsync(vin, 40)));
        Assert.Contains("does not understand a speed governor", Assert.Single(refused.Errors["maxMph"]), StringComparison.Ordinal);
        Assert.Null(await MetaAsync(vin, "configuration", DesiredState.GovernorKey));

        await AllowGovernorAsync(vin, user);
        var first = await AsAsync(user, sp => sp.GetRequiredService<SetSpeedGovernor>().HandleAsync(vin, 40));
        Assert.Equal(("64", "Speed governor set to 40 mph."), (first.StoredKmh, first.Message));
        var set = await AsAsync(user, sp => sp.GetRequiredService<SetSpeedGovernor>().HandleAsync(vin, 25));
        Assert.True(set.AllowsGovernor);
        Assert.Equal("40", await MetaAsync(vin, "configuration", DesiredState.GovernorKey));
        Assert.Equal(40, (await DesiredAsync(vin))[DesiredState.GovernorKey]!.GetValue<long>());
        var status = await AsAsync(user, sp => sp.GetRequiredService<GetVehicleStatus>().HandleAsync(vin));
        Assert.Equal(25, status.GovernorMph);
        Assert.True(status.AllowsGovernor);

        // Turned off: "0" is stored and sent, so the vehicle drops its last limit.
        var off = await AsAsync(user, sp => sp.GetRequiredService<SetSpeedGovernor>().HandleAsync(vin, null));
        Assert.Equal("Speed governor turned off.", off.Message);
        Assert.Equal("0", await MetaAsync(vin, "configuration", DesiredState.GovernorKey));
        Assert.Equal(0, (await DesiredAsync(vin))[DesiredState.GovernorKey]!.GetValue<long>());
        Assert.Null((await AsAsync(user, sp => sp.GetRequiredService<GetVehicleStatus>().HandleAsync(vin))).GovernorMph);

        await using var db = portal.CreateDb();
        var notes = await db.NoteSet.Where(n => n.ObjectId == vin && n.System).OrderBy(n => n.NoteId).Select(n => n.Content).ToListAsync();
        Assert.Contains("Speed governor set to 40 mph", notes);
        Assert.Contains("Speed governor set to 25 mph", notes);
        Assert.Equal("Speed governor turned off", notes[^1]);
        Assert.Equal(3, await db.AuditSet.CountAsync(a => a.Action == CatalogueAuditActions.VehicleGovernorSet && a.EntityId == vin && a.Actor == user));
    }

    [Theory]
    [InlineData(4.0)]
    [InlineData(71.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public async Task A_governor_outside_5_to_70_mph_is_refused_on_its_field_and_changes_nothing(double mph)
    {
        var vin = (await FleetTestData.AddVehiclesAsync(portal, 1))[0];
        var user = await ConfiguratorAsync();
        await AllowGovernorAsync(vin, user);
        await AsAsync(user, sp => sp.GetRequiredService<SetSpeedGovernor>().HandleAsync(vin, 30));
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAsync(user, sp => sp.GetRequiredService<SetSpeedGovernor>().HandleAsync(vin, mph)));
        Assert.Equal(["Value must be between 5 and 70"], refused.Errors["maxMph"]);
        Assert.Equal("48", await MetaAsync(vin, "configuration", DesiredState.GovernorKey));
        await using var db = portal.CreateDb();
        Assert.Equal(1, await db.AuditSet.CountAsync(a => a.Action == CatalogueAuditActions.VehicleGovernorSet && a.EntityId == vin));
        Assert.Equal(1, await db.NoteSet.CountAsync(n => n.ObjectId == vin && n.System && n.Content.StartsWith("Speed governor")));
    }

    [Fact]
    public async Task The_governor_needs_the_configuration_permission_that_no_seeded_group_holds()
    {
        var vin = (await FleetTestData.AddVehiclesAsync(portal, 1))[0];
        var admin = await portal.AdminUsernameAsync();
        await Assert.ThrowsAsync<PermissionDeniedException>(() => AsAsync(admin, sp => sp.GetRequiredService<SetSpeedGovernor>().HandleAsync(vin, 30)));
        Assert.Null(await MetaAsync(vin, "configuration", DesiredState.GovernorKey));
    }

    [Fact]
    public async Task Gps_recording_is_stored_lowercase_noted_audited_and_published_to_the_shadow()
    {
        var vin = (await FleetTestData.AddVehiclesAsync(portal, 1))[0];
        var admin = await portal.AdminUsernameAsync();
        await AsAsync(admin, async sp => { await sp.GetRequiredService<SetGpsRecording>().HandleAsync(vin, true); return 0; });
        Assert.Equal("true", await MetaAsync(vin, "privacy", "record_gps"));
        Assert.True((await DesiredAsync(vin))["record_gps"]!.GetValue<bool>());
        Assert.True((await AsAsync(admin, sp => sp.GetRequiredService<GetVehicleStatus>().HandleAsync(vin))).RecordsGps);

        await AsAsync(admin, async sp => { await sp.GetRequiredService<SetGpsRecording>().HandleAsync(vin, false); return 0; });
        Assert.Equal("false", await MetaAsync(vin, "privacy", "record_gps"));
        Assert.False((await DesiredAsync(vin))["record_gps"]!.GetValue<bool>());

        await using var db = portal.CreateDb();
        var notes = await db.NoteSet.Where(n => n.ObjectId == vin && n.System).OrderBy(n => n.NoteId).Select(n => n.Content).ToListAsync();
        Assert.Equal(["GPS recording enabled", "GPS recording disabled"], notes);
        Assert.Equal(2, await db.AuditSet.CountAsync(a => a.Action == CatalogueAuditActions.VehicleGpsRecordingSet && a.EntityId == vin));
    }

    [Theory]
    [InlineData("'; DROP TABLE vehicle; --")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("../../etc/passwd")]
    public async Task A_hostile_vin_is_refused_by_both_changes(string vin)
    {
        var user = await ConfiguratorAsync();
        await Assert.ThrowsAsync<ValidationFailedException>(() => AsAsync(user, sp => sp.GetRequiredService<SetSpeedGovernor>().HandleAsync(vin, 30)));
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAsync(user, async sp => { await sp.GetRequiredService<SetGpsRecording>().HandleAsync(vin, true); return 0; }));
    }

    [Fact]
    public async Task The_status_tells_control_managed_session_mode_and_sync()
    {
        var vin = (await FleetTestData.AddVehiclesAsync(portal, 1))[0];
        var admin = await portal.AdminUsernameAsync();
        var before = await AsAsync(admin, sp => sp.GetRequiredService<GetVehicleStatus>().HandleAsync(vin));
        Assert.False(before.ActiveUserControl);
        Assert.False(before.ManagedSessionMode);
        Assert.Null(before.GovernorKmh);
        Assert.False(before.AllowsGovernor);

        await using (var db = portal.CreateDb())
        {
            var fleet = new Arc.Domain.Fleets.Fleet { Name = FleetTestData.NewFleetName() };
            db.Add(fleet);
            await db.SaveChangesAsync();
            db.FleetVehicleSet.Add(new Arc.Domain.Fleets.FleetVehicle { FleetId = fleet.Id, Vin = vin });
            db.FleetUserSet.Add(new Arc.Domain.Fleets.FleetUser { FleetId = fleet.Id, Username = admin });
            db.Add(new Arc.Domain.ManagedSessions.ManagedSessionVehicle { Vin = vin });
            await db.SaveChangesAsync();
        }
        await AsAsync(admin, async sp => { await sp.GetRequiredService<SetGpsRecording>().HandleAsync(vin, true); return 0; });
        await portal.SideEffectsSettledAsync();
        var after = await AsAsync(admin, sp => sp.GetRequiredService<GetVehicleStatus>().HandleAsync(vin));
        Assert.True(after.ActiveUserControl);
        Assert.True(after.ManagedSessionMode);
        // Desired but not yet reported by the vehicle.
        Assert.Equal(ShadowSync.Pending, after.Sync);
        await portal.Services.GetRequiredService<IDeviceShadows>().UpdateAsync(vin,
            new ShadowUpdate(null, (await DesiredAsync(vin)).DeepClone().AsObject()));
        Assert.Equal(ShadowSync.Synchronized, (await AsAsync(admin, sp => sp.GetRequiredService<GetVehicleStatus>().HandleAsync(vin))).Sync);
    }
}
