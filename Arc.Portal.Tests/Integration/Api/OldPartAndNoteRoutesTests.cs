using System.Net;
using System.Text.Json;
using Arc.Domain.Models;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Arc.Portal.Tests.Integration.Api.OldRouteClient;

namespace Arc.Portal.Tests.Integration.Api;

/// <summary>
/// The old parts, model release and notes routes of vehicles on the real portal, each sent as the old client sent it and
/// answered in the old field names; a bad or refused request gets the old error shape and changes nothing.
/// </summary>
public sealed class OldPartAndNoteRoutesTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private string? _admin;
    private string? _reader;
    private string? _nobody;

    private HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = portal.BaseAddress };

    private async Task<(string Admin, string Reader, string Nobody)> TokensAsync(HttpClient client)
    {
        _admin ??= await ApiClient.TokenAsync(client, await ApiClient.CreateCredentialAsync(portal, "Old line client", "all"));
        _reader ??= await ApiClient.TokenAsync(client, await ApiClient.CreateCredentialAsync(portal, "Old reader", "support"));
        _nobody ??= await ApiClient.TokenAsync(client, await ApiClient.CreateCredentialAsync(portal, "Old partner", "fueloyal"));
        return (_admin, _reader, _nobody);
    }

    private async Task<string?> InstalledAsync(string vin, string type)
    {
        await using var db = portal.CreateDb();
        return await db.Set<VehiclePartInstalled>().Where(p => p.Vin == vin && p.PartType == type).Select(p => p.PartNumber).SingleOrDefaultAsync();
    }

    [Fact]
    public async Task Parts_and_model_releases_are_read_and_set_in_the_old_shapes()
    {
        using var client = Client();
        var (admin, reader, _) = await TokensAsync(client);
        var vins = await FleetTestData.AddVehiclesAsync(portal, 2);

        var bill = await GetAsync(client, "vm/v1/vehicles/parts/3", admin);
        Assert.Equal(JsonValueKind.Object, bill.Body.ValueKind);
        var comm = bill.Body.GetProperty("Comm").GetString()!;
        IsOldError(await GetAsync(client, "vm/v1/vehicles/parts/999999", admin), HttpStatusCode.NotFound, "ArcimotoNotFoundError");
        IsOldError(await GetAsync(client, "vm/v1/vehicles/parts/three", admin), HttpStatusCode.BadRequest, "ArcimotoArgumentError", "model_release_id");

        IsOldError(await SendAsync(client, HttpMethod.Post, $"vm/v1/vehicles/{vins[0]}/3", reader), HttpStatusCode.Unauthorized, "ArcimotoPermissionError");
        var release = await SendAsync(client, HttpMethod.Post, $"vm/v1/vehicles/{vins[0]}/3", admin);
        Assert.True(release.Status == HttpStatusCode.OK, release.Body.ToString());
        HasFields(release.Body, "vin", "model_release_id");
        Assert.Equal(3, (await GetAsync(client, $"vm/v1/vehicles/{vins[0]}", admin)).Body.GetProperty("model_release_id").GetInt32());
        IsOldError(await SendAsync(client, HttpMethod.Post, $"vm/v1/vehicles/{vins[0]}/3", admin), HttpStatusCode.BadRequest, "ArcimotoArgumentError", "already");
        IsOldError(await SendAsync(client, HttpMethod.Post, $"vm/v1/vehicles/{vins[1]}/999999", admin), HttpStatusCode.BadRequest, "ArcimotoArgumentError");
        IsOldError(await SendAsync(client, HttpMethod.Post, $"vm/v1/vehicles/{FleetTestData.NewVin()}/3", admin), HttpStatusCode.NotFound, "ArcimotoNotFoundError");

        var part = $"vm/v1/vehicles/{vins[0]}/parts";
        IsOldError(await SendAsync(client, HttpMethod.Post, part, reader, """{"part_type": "Comm"}"""), HttpStatusCode.Unauthorized, "ArcimotoPermissionError");
        var installed = await SendAsync(client, HttpMethod.Post, part, admin, """{"part_type": "Comm"}""");
        Assert.True(installed.Status == HttpStatusCode.OK, installed.Body.ToString());
        HasFields(installed.Body, "part_type", "part_number", "installed");
        Assert.Equal(comm, installed.Body.GetProperty("part_number").GetString());
        Assert.Equal(comm, await InstalledAsync(vins[0], "Comm"));
        foreach (var bad in new[] { """{"part_type": "Warp drive"}""", """{"part_type": "Comm", "part_number": "NOT-LISTED"}""", "{}", """{"part_type": 7}""" })
            IsOldError(await SendAsync(client, HttpMethod.Post, part, admin, bad), HttpStatusCode.BadRequest, "ArcimotoArgumentError");
        IsOldError(await SendAsync(client, HttpMethod.Post, $"vm/v1/vehicles/{vins[1]}/parts", admin, """{"part_type": "Comm"}"""), HttpStatusCode.BadRequest,
            "ArcimotoArgumentError");
        Assert.Null(await InstalledAsync(vins[1], "Comm"));

        var number = "T" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        await using (var db = portal.CreateDb())
        {
            db.Add(new CataloguePart { PartType = "Comm", PartNumber = number, Created = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        var path = "vm/v1/vehicles/parts/3";
        IsOldError(await SendAsync(client, HttpMethod.Post, path, reader, $$"""{"part_type": "Comm", "part_number": "{{number}}"}"""), HttpStatusCode.Unauthorized,
            "ArcimotoPermissionError");
        foreach (var bad in new[] { $$"""{"part_type": "Comm", "part_number": "{{comm}}"}""", """{"part_type": "Comm", "part_number": "NOT-IN-CATALOGUE"}""",
                     """{"part_type": "Warp drive", "part_number": "1"}""", """{"part_type": "Comm"}""", """{"part_type": "Comm", "part_number": "<b>x</b>"}""" })
            IsOldError(await SendAsync(client, HttpMethod.Post, path, admin, bad), HttpStatusCode.BadRequest, "ArcimotoArgumentError");
        IsOldError(await SendAsync(client, HttpMethod.Post, "vm/v1/vehicles/parts/999999", admin, $$"""{"part_type": "Comm", "part_number": "{{number}}"}"""),
            HttpStatusCode.NotFound, "ArcimotoNotFoundError");
        Assert.Equal(comm, (await GetAsync(client, path, admin)).Body.GetProperty("Comm").GetString());

        var set = await SendAsync(client, HttpMethod.Post, path, admin, $$"""{"part_type": "Comm", "part_number": "{{number}}"}""");
        Assert.True(set.Status == HttpStatusCode.OK, set.Body.ToString());
        HasFields(set.Body, "part_type", "part_number");
        Assert.Equal(number, (await GetAsync(client, path, admin)).Body.GetProperty("Comm").GetString());
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Post, path, admin, $$"""{"part_type": "Comm", "part_number": "{{comm}}"}""")).Status);
    }

    [Fact]
    public async Task A_vehicles_notes_are_read_and_added_in_the_old_shapes()
    {
        using var client = Client();
        var (admin, _, nobody) = await TokensAsync(client);
        var vin = (await FleetTestData.AddVehiclesAsync(portal, 1))[0];
        var path = $"vm/v1/vehicles/{vin}/notes";

        var added = await SendAsync(client, HttpMethod.Post, path, admin, """{"content": "Checked the brake lines.", "tags": ["service"], "author": "someone else"}""");
        Assert.True(added.Status == HttpStatusCode.OK, added.Body.ToString());
        HasFields(added.Body, "note_id");
        var id = added.Body.GetProperty("note_id").GetInt32();
        var notes = await GetAsync(client, path, admin);
        var note = Assert.Single(notes.Body.EnumerateArray(), n => n.GetProperty("note_id").GetInt32() == id);
        HasFields(note, "note_id", "created", "author", "content", "tags");
        Assert.Equal("Checked the brake lines.", note.GetProperty("content").GetString());
        Assert.Equal(["service"], note.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.NotEqual("someone else", note.GetProperty("author").GetString());

        foreach (var bad in new[]
            {
                """{"content": ""}""", """{"content": 5}""", "{\"content\": \"" + new string('n', 5000) + "\"}", """{"content": "x", "tags": "service"}""",
                """{"content": "x", "tags": ["a","b","c","d","e","f","g","h","i","j","k"]}""", "{}", """{"content": "x" """,
            })
            IsOldError(await SendAsync(client, HttpMethod.Post, path, admin, bad), HttpStatusCode.BadRequest, "ArcimotoArgumentError");
        IsOldError(await SendAsync(client, HttpMethod.Post, $"vm/v1/vehicles/{FleetTestData.NewVin()}/notes", admin, """{"content": "x"}"""),
            HttpStatusCode.NotFound, "ArcimotoNotFoundError");
        IsOldError(await GetAsync(client, "vm/v1/vehicles/%27%3B--/notes", admin), HttpStatusCode.BadRequest, "ArcimotoArgumentError");
        IsOldError(await SendAsync(client, HttpMethod.Post, path, nobody, """{"content": "Partner's."}"""), HttpStatusCode.Unauthorized, "ArcimotoPermissionError");
        IsOldError(await GetAsync(client, path, nobody), HttpStatusCode.Unauthorized, "ArcimotoPermissionError");
        // Only the one note: none of the refused calls added one.
        Assert.Single((await GetAsync(client, path, admin)).Body.EnumerateArray());
    }
}
