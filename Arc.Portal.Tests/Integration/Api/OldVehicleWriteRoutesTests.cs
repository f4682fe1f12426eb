using System.Net;
using Arc.Domain.Credentials;
using Arc.Domain.Firmware;
using Arc.Domain.Fleets;
using Arc.Domain.Permissions;
using Arc.Domain.Shadows;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Arc.Portal.Tests.Integration.Api.OldRouteClient;

namespace Arc.Portal.Tests.Integration.Api;

/// <summary>
/// The old Vehicle Manager writes of the factory line and dealer tools on the real portal: the speed governor, GPS
/// recording, the shadow's sync state and fleet membership, each sent as the old client sent it and answered in the old
/// field names; a bad or refused request gets the old error shape and changes nothing.
/// </summary>
public sealed class OldVehicleWriteRoutesTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private string? _admin;
    private string? _reader;

    private HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = portal.BaseAddress };

    private async Task<(string Admin, string Reader)> TokensAsync(HttpClient client)
    {
        if (_admin is null)
        {
            var admin = await ApiClient.CreateCredentialAsync(portal, "Old line client", "all");
            // No seeded group holds the governor's permission (as in the old system): the line's credential gets it from a group of its own.
            var governor = await portal.CreateGroupAsync($"Governor {Guid.NewGuid():N}"[..17], Perm.VehicleConfigurationWrite);
            await using (var db = portal.CreateDb())
            {
                db.Add(new ServiceCredentialGroup { CredentialId = admin.CredentialId, GroupId = governor });
                await db.SaveChangesAsync();
            }
            _admin = await ApiClient.TokenAsync(client, admin);
            _reader = await ApiClient.TokenAsync(client, await ApiClient.CreateCredentialAsync(portal, "Old reader", "support"));
        }
        return (_admin, _reader!);
    }

    private async Task<string?> MetaAsync(string vin, string section, string key)
    {
        await using var db = portal.CreateDb();
        return await db.VehicleMetaSet.Where(m => m.Vin == vin && m.Section == section && m.Key == key).Select(m => m.Value).SingleOrDefaultAsync();
    }

    [Fact]
    public async Task Gps_recording_is_read_and_set_in_the_old_shape_and_a_refused_or_bad_request_changes_nothing()
    {
        using var client = Client();
        var (admin, reader) = await TokensAsync(client);
        var vin = (await FleetTestData.AddVehiclesAsync(portal, 1))[0];

        var before = await GetAsync(client, $"vm/v1/vehicles/{vin}/gps", admin);
        HasFields(before.Body, "record_gps");
        Assert.False(before.Body.GetProperty("record_gps").GetBoolean());

        var set = await SendAsync(client, HttpMethod.Post, $"vm/v1/vehicles/{vin}/gps", admin, """{"record_gps": true, "ignored": 1}""");
        Assert.True(set.Status == HttpStatusCode.OK, set.Body.ToString());
        HasFields(set.Body, "vin", "record_gps");
        Assert.Equal((vin, true), (set.Body.GetProperty("vin").GetString(), set.Body.GetProperty("record_gps").GetBoolean()));
        Assert.True((await GetAsync(client, $"vm/v1/vehicles/{vin}/gps", admin)).Body.GetProperty("record_gps").GetBoolean());
        await using (var db = portal.CreateDb())
            Assert.True(await db.AuditSet.AnyAsync(e => e.EntityId == vin && e.Actor.StartsWith("credential:")));

        IsOldError(await SendAsync(client, HttpMethod.Post, $"vm/v1/vehicles/{vin}/gps", admin, "{}"), HttpStatusCode.BadRequest, "ArcimotoArgumentError", "record_gps");
        IsOldError(await SendAsync(client, HttpMethod.Post, $"vm/v1/vehicles/{vin}/gps", admin, """{"record_gps": "no"}"""), HttpStatusCode.BadRequest,
            "ArcimotoArgumentError", "record_gps");
        IsOldError(await SendAsync(client, HttpMethod.Post, $"vm/v1/vehicles/{vin}/gps", admin, """{"record_gps": fal"""), HttpStatusCode.BadRequest,
            "ArcimotoArgumentError");
        IsOldError(await SendAsync(client, HttpMethod.Post, "vm/v1/vehicles/%3Cscript%3Ealert(1)%3C%2Fscript%3E/gps", admin, """{"record_gps": false}"""),
            HttpStatusCode.BadRequest, "ArcimotoArgumentError");
        IsOldError(await SendAsync(client, HttpMethod.Post, $"vm/v1/vehicles/{FleetTestData.NewVin()}/gps", admin, """{"record_gps": false}"""),
            HttpStatusCode.NotFound, "ArcimotoNotFoundError");
        IsOldError(await SendAsync(client, HttpMethod.Post, $"vm/v1/vehicles/{vin}/gps", reader, """{"record_gps": false}"""), HttpStatusCode.Unauthorized,
            "ArcimotoPermissionError", "Unauthorized");
        IsGatewayRefusal(await SendAsync(client, HttpMethod.Post, $"vm/v1/vehicles/{vin}/gps", null, """{"record_gps": false}"""));
        Assert.Equal("true", await MetaAsync(vin, "privacy", "record_gps"));
    }

    [Fact]
    public async Task The_shadow_reads_synchronized_only_once_the_vehicle_reports_what_was_asked()
    {
        using var client = Client();
        var (admin, _) = await TokensAsync(client);
        var vin = (await FleetTestData.AddVehiclesAsync(portal, 1))[0];
        await SendAsync(client, HttpMethod.Post, $"vm/v1/vehicles/{vin}/gps", admin, """{"record_gps": true}""");
        await portal.SideEffectsSettledAsync();

        var pending = await GetAsync(client, $"vm/v1/vehicles/{vin}/synchronized", admin);
        HasFields(pending.Body, "vehicle_shadow_synchronized");
        Assert.False(pending.Body.GetProperty("vehicle_shadow_synchronized").GetBoolean());

        var shadows = portal.Services.GetRequiredService<IDeviceShadows>();
        var desired = (await shadows.GetAsync(vin))!.Desired.DeepClone().AsObject();
        await shadows.UpdateAsync(vin, new ShadowUpdate(null, desired));
        Assert.True((await GetAsync(client, $"vm/v1/vehicles/{vin}/synchronized", admin)).Body.GetProperty("vehicle_shadow_synchronized").GetBoolean());

        IsOldError(await GetAsync(client, $"vm/v1/vehicles/{FleetTestData.NewVin()}/synchronized", admin), HttpStatusCode.NotFound, "ArcimotoNotFoundError");
        IsOldError(await GetAsync(client, "vm/v1/vehicles/not-a-vin/synchronized", admin), HttpStatusCode.BadRequest, "ArcimotoArgumentError");
    }

    [Fact]
    public async Task The_speed_governor_is_set_in_km_per_hour_only_where_the_firmware_allows_it_and_refusals_change_nothing()
    {
        using var client = Client();
        var (admin, reader) = await TokensAsync(client);
        var vin = (await FleetTestData.AddVehiclesAsync(portal, 1))[0];
        await using (var db = portal.CreateDb())
        {
            // Release 3 carries the Discoboard Comm part, whose firmware is kept as "004280 Comm Firmware".
            (await db.VehicleSet.SingleAsync(v => v.Vin == vin)).ModelReleaseId = 3;
            await db.SaveChangesAsync();
        }
        var path = $"vm/v1/vehicles/{vin}/configuration";
        IsOldError(await SendAsync(client, HttpMethod.Post, path, admin, """{"configuration": {"option_governor_max_speed": 40}}"""),
            HttpStatusCode.BadRequest, "ArcimotoArgumentError", "option_governor_max_speed");
        Assert.Null(await MetaAsync(vin, "configuration", "option_governor_max_speed"));

        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
        {
            await scope.ServiceProvider.GetRequiredService<RecordFirmwareRelease>().HandleAsync("release.json",
                FirmwareTestData.FullManifest(GovernorRule.FirstGovernorBuild.AddDays(10), null, ["004280 Comm Firmware"]));
            await scope.ServiceProvider.GetRequiredService<MarkVehicleFirmwareCurrent>().HandleAsync(vin, [new("Comm Firmware")]);
        }

        var set = await SendAsync(client, HttpMethod.Post, path, admin, """{"configuration": {"option_governor_max_speed": 40, "colour": "red"}}""");
        Assert.True(set.Status == HttpStatusCode.OK, set.Body.ToString());
        HasFields(set.Body, "vin", "configuration");
        HasFields(set.Body.GetProperty("configuration"), "option_governor_max_speed");
        Assert.Equal(40, set.Body.GetProperty("configuration").GetProperty("option_governor_max_speed").GetInt64());
        Assert.Equal("40", await MetaAsync(vin, "configuration", "option_governor_max_speed"));
        // The ends of the range arrive as the old panel sent 5 and 70 mph, and are stored as sent.
        foreach (var kmh in new[] { "8", "113" })
        {
            var end = await SendAsync(client, HttpMethod.Post, path, admin, $$$"""{"configuration": {"option_governor_max_speed": "{{{kmh}}}"}}""");
            Assert.True(end.Status == HttpStatusCode.OK, end.Body.ToString());
            Assert.Equal(kmh, await MetaAsync(vin, "configuration", "option_governor_max_speed"));
        }
        await SendAsync(client, HttpMethod.Post, path, admin, """{"configuration": {"option_governor_max_speed": 40}}""");

        foreach (var bad in new[]
            {
                """{"configuration": {"option_governor_max_speed": 500}}""", """{"configuration": {"option_governor_max_speed": 7}}""",
                """{"configuration": {"option_governor_max_speed": -40}}""", """{"configuration": {"option_governor_max_speed": "fast"}}""",
                """{"configuration": {"option_governor_max_speed": "1e309"}}""", """{"configuration": {}}""", """{"configuration": "40"}""",
                """{"configuration": {"option_governor_max_speed": [40]}}""", "{}", """{"configuration": {"option_governor_max_speed": 4""",
            })
            IsOldError(await SendAsync(client, HttpMethod.Post, path, admin, bad), HttpStatusCode.BadRequest, "ArcimotoArgumentError");
        IsOldError(await SendAsync(client, HttpMethod.Post, path, reader, """{"configuration": {"option_governor_max_speed": 0}}"""),
            HttpStatusCode.Unauthorized, "ArcimotoPermissionError", "Unauthorized");
        IsOldError(await SendAsync(client, HttpMethod.Post, $"vm/v1/vehicles/{FleetTestData.NewVin()}/configuration", admin,
            """{"configuration": {"option_governor_max_speed": 0}}"""), HttpStatusCode.NotFound, "ArcimotoNotFoundError");
        Assert.Equal("40", await MetaAsync(vin, "configuration", "option_governor_max_speed"));

        var off = await SendAsync(client, HttpMethod.Post, path, admin, """{"configuration": {"option_governor_max_speed": 0}}""");
        Assert.Equal(0, off.Body.GetProperty("configuration").GetProperty("option_governor_max_speed").GetInt64());
        Assert.Equal("0", await MetaAsync(vin, "configuration", "option_governor_max_speed"));
    }

    [Fact]
    public async Task A_vehicle_joins_and_leaves_a_group_as_before_and_the_makers_group_keeps_it()
    {
        using var client = Client();
        var (admin, reader) = await TokensAsync(client);
        var vin = (await FleetTestData.AddVehiclesAsync(portal, 1))[0];
        int fleet;
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            fleet = await scope.ServiceProvider.GetRequiredService<CreateFleet>().HandleAsync(FleetTestData.NewFleetName("Old route fleet"));
        async Task<bool> InFleetAsync()
        {
            await using var db = portal.CreateDb();
            return await db.FleetVehicleSet.AnyAsync(f => f.FleetId == fleet && f.Vin == vin);
        }

        IsOldError(await SendAsync(client, HttpMethod.Put, $"vm/v1/vehicles/{vin}/groups/{fleet}", reader), HttpStatusCode.Unauthorized, "ArcimotoPermissionError");
        Assert.False(await InFleetAsync());
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var added = await SendAsync(client, HttpMethod.Put, $"vm/v1/vehicles/{vin}/groups/{fleet}", admin);
            Assert.True(added.Status == HttpStatusCode.OK, added.Body.ToString());
            HasFields(added.Body, "group_id", "vin");
            Assert.Equal((fleet, vin), (added.Body.GetProperty("group_id").GetInt32(), added.Body.GetProperty("vin").GetString()));
            Assert.True(await InFleetAsync());
        }
        var detail = await GetAsync(client, $"vm/v1/groups/{fleet}", admin);
        Assert.Contains(vin, detail.Body.GetProperty("vehicles").EnumerateArray().Select(v => v.GetString()));

        IsOldError(await SendAsync(client, HttpMethod.Delete, $"vm/v1/vehicles/{vin}/groups/{fleet}", reader), HttpStatusCode.Unauthorized, "ArcimotoPermissionError");
        Assert.True(await InFleetAsync());
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var removed = await SendAsync(client, HttpMethod.Delete, $"vm/v1/vehicles/{vin}/groups/{fleet}", admin);
            Assert.True(removed.Status == HttpStatusCode.OK, removed.Body.ToString());
            HasFields(removed.Body, "group_id", "vin");
            Assert.False(await InFleetAsync());
        }

        IsOldError(await SendAsync(client, HttpMethod.Delete, $"vm/v1/vehicles/{vin}/groups/1", admin), HttpStatusCode.Forbidden, "ArcimotoArgumentError");
        await using (var db = portal.CreateDb())
            Assert.True(await db.FleetVehicleSet.AnyAsync(f => f.FleetId == Fleet.MakerFleetId && f.Vin == vin));
        IsOldError(await SendAsync(client, HttpMethod.Put, $"vm/v1/vehicles/{vin}/groups/999999", admin), HttpStatusCode.NotFound, "ArcimotoNotFoundError");
        IsOldError(await SendAsync(client, HttpMethod.Put, $"vm/v1/vehicles/{vin}/groups/1%3B%20DROP", admin), HttpStatusCode.BadRequest,
            "ArcimotoArgumentError", "Invalid group_id");
        IsOldError(await SendAsync(client, HttpMethod.Put, $"vm/v1/vehicles/{FleetTestData.NewVin()}/groups/{fleet}", admin), HttpStatusCode.BadRequest,
            "ArcimotoArgumentError");
        IsOldError(await SendAsync(client, HttpMethod.Put, $"vm/v1/vehicles/bad/groups/{fleet}", admin), HttpStatusCode.BadRequest, "ArcimotoArgumentError");
        Assert.False(await InFleetAsync());
    }
}
