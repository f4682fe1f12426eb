using System.Net;
using System.Text.Json;
using Arc.Domain.Firmware;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Arc.Portal.Tests.Integration.Api.OldRouteClient;

namespace Arc.Portal.Tests.Integration.Api;

/// <summary>
/// The old "mark the vehicle's firmware as the current release" route on the real portal: sent as the old client sent it,
/// answered as <c>{updated_firmware}</c>; a refused or bad request gets the old error shape and records nothing.
/// </summary>
public sealed class OldFirmwareRoutesTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = portal.BaseAddress };

    private async Task<Dictionary<string, string>> RecordedAsync(string vin)
    {
        await using var db = portal.CreateDb();
        return await db.Set<VehicleFirmwareInstalled>().Where(f => f.Vin == vin && f.FirmwareReleaseId != null)
            .Join(db.Set<FirmwareRelease>(), f => f.FirmwareReleaseId, r => r.Id, (f, r) => new { r.Component, r.Hash })
            .ToDictionaryAsync(x => x.Component, x => x.Hash);
    }

    [Fact]
    public async Task A_vehicle_is_marked_as_running_the_current_release_in_the_old_shape_and_a_stale_hash_or_a_reader_records_nothing()
    {
        using var client = Client();
        var admin = await ApiClient.TokenAsync(client, await ApiClient.CreateCredentialAsync(portal, "Old line client", "all"));
        var reader = await ApiClient.TokenAsync(client, await ApiClient.CreateCredentialAsync(portal, "Old reader", "support"));
        var vin = (await FleetTestData.AddVehiclesAsync(portal, 1))[0];
        await using (var db = portal.CreateDb())
        {
            // Release 3 carries the Discoboard Comm part, whose firmware is the "004280 Comm Firmware" variant.
            (await db.VehicleSet.SingleAsync(v => v.Vin == vin)).ModelReleaseId = 3;
            await db.SaveChangesAsync();
        }
        var hashes = new Dictionary<string, string>();
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            await scope.ServiceProvider.GetRequiredService<RecordFirmwareRelease>().HandleAsync("release.json",
                FirmwareTestData.FullManifest(DateTimeOffset.UtcNow.AddDays(-1), hashes));
        var path = $"vm/v1/vehicles/{vin}/firmware/version";

        IsOldError(await SendAsync(client, HttpMethod.Post, path, reader), HttpStatusCode.Unauthorized, "ArcimotoPermissionError");
        foreach (var bad in new[]
            {
                """{"firmware_modules_input": {"Warp Drive Firmware": null}}""",
                $$$"""{"firmware_modules_input": {"Comm Firmware": "{{{FirmwareTestData.NewHash()}}}"}}""",
                """{"firmware_modules_input": {"<script>alert(1)</script>": null}}""",
                $$$"""{"firmware_modules_input": {"{{{new string('x', 5000)}}}": null}}""",
                """{"firmware_modules_input": "Comm Firmware"}""", """{"firmware_modules_input": {"Comm Firmware": 7}}""",
                """{"firmware_modules_input": {"Comm Firmware": nul""",
            })
        {
            var refused = await SendAsync(client, HttpMethod.Post, path, admin, bad);
            IsOldError(refused, HttpStatusCode.BadRequest, "ArcimotoArgumentError");
            Assert.DoesNotContain("<script>", refused.Body.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        }
        IsOldError(await SendAsync(client, HttpMethod.Post, path, admin, $$$"""{"firmware_modules_input": {"Comm Firmware": "{{{hashes["Comm Firmware"]}}}"}}"""),
            HttpStatusCode.BadRequest, "ArcimotoArgumentError", "not the current release of 004280 Comm Firmware");
        IsOldError(await SendAsync(client, HttpMethod.Post, $"vm/v1/vehicles/{FleetTestData.NewVin()}/firmware/version", admin), HttpStatusCode.NotFound,
            "ArcimotoNotFoundError");
        IsOldError(await SendAsync(client, HttpMethod.Post, "vm/v1/vehicles/not-a-vin/firmware/version", admin), HttpStatusCode.BadRequest,
            "ArcimotoArgumentError");
        Assert.Empty(await RecordedAsync(vin));

        // One component by its name, pinned to the current hash: the vehicle's variant is recorded, and only it.
        var comm = await SendAsync(client, HttpMethod.Post, path, admin,
            $$$"""{"firmware_modules_input": {"Comm Firmware": "{{{hashes["004280 Comm Firmware"]}}}", "Deployed Firmware": null}}""");
        Assert.True(comm.Status == HttpStatusCode.OK, comm.Body.ToString());
        HasFields(comm.Body, "updated_firmware");
        Assert.Equal(hashes["004280 Comm Firmware"], comm.Body.GetProperty("updated_firmware").GetProperty("004280 Comm Firmware").GetString());
        Assert.Equal(new Dictionary<string, string> { ["004280 Comm Firmware"] = hashes["004280 Comm Firmware"] }, await RecordedAsync(vin));

        // No body: every component the vehicle's parts call for; the old GET then answers the same hashes.
        var all = await SendAsync(client, HttpMethod.Post, path, admin);
        Assert.True(all.Status == HttpStatusCode.OK, all.Body.ToString());
        var updated = all.Body.GetProperty("updated_firmware").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        Assert.True(updated.Count > 1, all.Body.ToString());
        Assert.All(updated, u => Assert.Equal(hashes[u.Key], u.Value));
        Assert.Equal(updated.Keys.Order(StringComparer.OrdinalIgnoreCase), updated.Keys);
        var read = await GetAsync(client, path, admin);
        Assert.Equal(updated, read.Body.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));

        // A retry once everything is current answers the same and records nothing new.
        var notes = await NotesAsync(vin);
        var again = await SendAsync(client, HttpMethod.Post, path, admin);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(JsonSerializer.Serialize(all.Body), JsonSerializer.Serialize(again.Body));
        Assert.Equal(notes, await NotesAsync(vin));
    }

    private async Task<int> NotesAsync(string vin)
    {
        await using var db = portal.CreateDb();
        return await db.NoteSet.CountAsync(n => n.ObjectId == vin);
    }
}
