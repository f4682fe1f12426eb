using Arc.Domain.Firmware;
using Arc.Domain.Shadows;
using Arc.Domain.Vehicles;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>
/// Issue 18 item 2: the speed governor (<c>option_governor_max_speed</c>) reaches a vehicle's shadow only when the Comm
/// firmware recorded on it is a build dated on or after the first one that understood it (spec §2.2, §2.5); before that it
/// waits in the metadata and goes out when newer firmware is recorded.
/// </summary>
public sealed class SpeedGovernorTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private async Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        return await work(scope.ServiceProvider);
    }

    private async Task<System.Text.Json.Nodes.JsonObject> DesiredAsync(string vin)
    {
        await portal.SideEffectsSettledAsync();
        return (await portal.Services.GetRequiredService<IDeviceShadows>().GetAsync(vin))!.Desired!;
    }

    /// <summary>A limit already in the vehicle's metadata (written before the firmware check existed, say).</summary>
    private async Task SetGovernorAsync(string vin, string speed)
    {
        await using var db = portal.CreateDb();
        db.VehicleMetaSet.Add(new VehicleMeta { Vin = vin, Section = "configuration", Key = DesiredState.GovernorKey, Value = speed });
        await db.SaveChangesAsync();
        // Any change that publishes the desired state builds it with that limit in the metadata.
        await AsAdminAsync(async sp => { await sp.GetRequiredService<SetGpsRecording>().HandleAsync(vin, false); return 0; });
    }

    private Task ReleaseCommAsync(DateTimeOffset committed) => AsAdminAsync(sp =>
        sp.GetRequiredService<RecordFirmwareRelease>().HandleAsync("release.json", FirmwareTestData.FullManifest(committed, null, ["004280 Comm Firmware"])));

    [Fact]
    public async Task The_governor_waits_for_comm_firmware_that_understands_it_and_then_reaches_the_shadow()
    {
        var vin = (await FleetTestData.AddVehiclesAsync(portal, 1))[0];
        await using (var db = portal.CreateDb())
        {
            // Release 3 carries the Discoboard Comm part, whose firmware is kept as "004280 Comm Firmware".
            (await db.VehicleSet.SingleAsync(v => v.Vin == vin)).ModelReleaseId = 3;
            await db.SaveChangesAsync();
        }
        await SetGovernorAsync(vin, "40");
        Assert.False((await DesiredAsync(vin)).ContainsKey(DesiredState.GovernorKey));

        // Firmware from before the first governor build: still held back.
        await ReleaseCommAsync(GovernorRule.FirstGovernorBuild.AddDays(-30));
        await AsAdminAsync(sp => sp.GetRequiredService<MarkVehicleFirmwareCurrent>().HandleAsync(vin, [new("Comm Firmware")]));
        Assert.False((await DesiredAsync(vin)).ContainsKey(DesiredState.GovernorKey));
        Assert.False((await AsAdminAsync(sp => sp.GetRequiredService<GetVehicleFirmware>().HandleAsync(vin))).AllowsGovernor);

        // A build after it, recorded on the vehicle: the governor goes out with that change, as a number.
        await ReleaseCommAsync(GovernorRule.FirstGovernorBuild.AddDays(10));
        await AsAdminAsync(sp => sp.GetRequiredService<MarkVehicleFirmwareCurrent>().HandleAsync(vin, [new("Comm Firmware")]));
        Assert.Equal(40, (await DesiredAsync(vin))[DesiredState.GovernorKey]!.GetValue<long>());

        // Metadata cannot go around the governor's own action.
        var refused = await Assert.ThrowsAsync<Arc.Domain.Common.ValidationFailedException>(() => AsAdminAsync(async sp =>
        {
            await sp.GetRequiredService<SetVehicleMetadata>().HandleAsync(new VehicleMetadataChange(vin, "configuration",
                new Dictionary<string, string?> { [DesiredState.GovernorKey] = "500" }));
            return 0;
        }));
        Assert.Contains("its own action", refused.Message, StringComparison.Ordinal);
    }
}
