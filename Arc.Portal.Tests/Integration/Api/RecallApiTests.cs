using System.Text.Json;
using Arc.Domain.Recalls;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration.Api;

/// <summary>
/// <c>/api/v1/recalls</c> on the running portal: campaigns, their remedy and their vehicles through a Recall Admin
/// credential, ETags and If-Match on edits, an idempotent create, and the refusals.
/// </summary>
[Collection(ResourceApiCollection.Name)]
public sealed class RecallApiTests(ResourceApiPortal api)
{
    private async Task<string> RecallJsonAsync(string title) => JsonSerializer.Serialize(new
    {
        title, description = "Fittings may loosen.", nhtsaNumber = await RecallTestData.FreeNumberAsync(api.Portal), component = "Service brakes",
        determinationDate = "2023-11-20",
    });

    private async Task<(int Id, string ETag)> CreateAsync(string token, string title)
    {
        using var created = await api.SendAsync(HttpMethod.Post, "api/v1/recalls", token, await RecallJsonAsync(title));
        var body = JsonDocument.Parse(await ResourceApiPortal.ExpectAsync(created, 201)).RootElement;
        return (body.GetProperty("recall").GetProperty("id").GetInt32(), created.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task A_recall_is_created_edited_under_if_match_remedied_and_deleted()
    {
        var token = await api.TokenAsync("recall_admin");
        var (id, etag) = await CreateAsync(token, "Brake fittings");
        using (var read = await api.SendAsync(HttpMethod.Get, $"api/v1/recalls/{id}", token))
        {
            await ResourceApiPortal.ExpectAsync(read, 200);
            Assert.Equal(etag, read.Headers.ETag!.ToString());
        }
        var number = await RecallTestData.FreeNumberAsync(api.Portal);
        var edit = JsonSerializer.Serialize(new { title = "Brake line fittings", description = "Fittings loosen.", nhtsaNumber = number });
        using var edited = await api.SendAsync(HttpMethod.Put, $"api/v1/recalls/{id}", token, edit, ifMatch: etag);
        Assert.Equal("Brake line fittings", JsonDocument.Parse(await ResourceApiPortal.ExpectAsync(edited, 200)).RootElement
            .GetProperty("recall").GetProperty("title").GetString());
        var newTag = edited.Headers.ETag!.ToString();
        Assert.NotEqual(etag, newTag);

        var staleEdit = JsonSerializer.Serialize(new { title = "Stale title", description = "x", nhtsaNumber = number });
        using (var stale = await api.SendAsync(HttpMethod.Put, $"api/v1/recalls/{id}", token, staleEdit, ifMatch: etag))
            await ResourceApiPortal.ExpectAsync(stale, 412);
        await using (var db = api.Portal.CreateDb())
            Assert.Equal("Brake line fittings", (await db.Set<Recall>().SingleAsync(r => r.Id == id)).Title);

        using (var remedy = await api.SendAsync(HttpMethod.Post, $"api/v1/recalls/{id}/remedy", token, """{"description": "Replace the fittings.", "type": "DealerRepair"}"""))
            Assert.Equal((int)RemedyType.DealerRepair, JsonDocument.Parse(await ResourceApiPortal.ExpectAsync(remedy, 201)).RootElement.GetProperty("type").GetInt32());
        using var remedyRead = await api.SendAsync(HttpMethod.Get, $"api/v1/recalls/{id}/remedy", token);
        var remedyTag = remedyRead.Headers.ETag!.ToString();
        using (var remedyEdit = await api.SendAsync(HttpMethod.Put, $"api/v1/recalls/{id}/remedy", token, """{"description": "Replace both fittings.", "type": "both"}""", ifMatch: remedyTag))
            await ResourceApiPortal.ExpectAsync(remedyEdit, 200);
        using (var remedyStale = await api.SendAsync(HttpMethod.Put, $"api/v1/recalls/{id}/remedy", token, """{"description": "Stale.", "type": "OverTheAir"}""", ifMatch: remedyTag))
            await ResourceApiPortal.ExpectAsync(remedyStale, 412);

        using (var deleted = await api.SendAsync(HttpMethod.Delete, $"api/v1/recalls/{id}", token))
            await ResourceApiPortal.ExpectAsync(deleted, 204);
        using var hidden = await api.SendAsync(HttpMethod.Get, "api/v1/recalls?search=Brake%20line", token);
        Assert.DoesNotContain((await ResourceApiPortal.JsonAsync(hidden)).EnumerateArray(), r => r.GetProperty("recall").GetProperty("id").GetInt32() == id);
        using var shown = await api.SendAsync(HttpMethod.Get, "api/v1/recalls?search=Brake%20line&includeDeleted=true", token);
        Assert.Contains((await ResourceApiPortal.JsonAsync(shown)).EnumerateArray(), r => r.GetProperty("recall").GetProperty("id").GetInt32() == id);
    }

    [Fact]
    public async Task A_recalls_vehicles_are_added_listed_serviced_edited_and_removed()
    {
        var token = await api.TokenAsync("recall_admin");
        var (id, _) = await CreateAsync(token, "Seat latch");
        using (var remedy = await api.SendAsync(HttpMethod.Post, $"api/v1/recalls/{id}/remedy", token, """{"description": "New latch.", "type": "DealerRepair"}"""))
            await ResourceApiPortal.ExpectAsync(remedy, 201);
        var vins = await RecallTestData.AddVehiclesAsync(api.Portal, 3);
        var key = Guid.NewGuid().ToString();
        var add = JsonSerializer.Serialize(new { vins });
        using (var added = await api.SendAsync(HttpMethod.Post, $"api/v1/recalls/{id}/vehicles", token, add, idempotencyKey: key))
            Assert.Equal(3, JsonDocument.Parse(await ResourceApiPortal.ExpectAsync(added, 200)).RootElement.GetProperty("changed").GetInt32());
        using (var replay = await api.SendAsync(HttpMethod.Post, $"api/v1/recalls/{id}/vehicles", token, add, idempotencyKey: key))
            Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());

        using (var serviced = await api.SendAsync(HttpMethod.Post, $"api/v1/recalls/{id}/vehicles/service", token,
            JsonSerializer.Serialize(new { vins = new[] { vins[0] }, serviceDate = "2024-02-01", serviceReference = "RO-1" })))
            Assert.Equal(1, JsonDocument.Parse(await ResourceApiPortal.ExpectAsync(serviced, 200)).RootElement.GetProperty("changed").GetInt32());

        using var open = await api.SendAsync(HttpMethod.Get, $"api/v1/recalls/{id}/vehicles?status=open", token);
        var page = await ResourceApiPortal.JsonAsync(open);
        Assert.Equal(2, page.GetProperty("page").GetProperty("totalCount").GetInt32());
        var entry = page.GetProperty("page").GetProperty("items").EnumerateArray().First(e => e.GetProperty("vin").GetString() == vins[1]);
        var version = $"\"{entry.GetProperty("version").GetUInt32()}\"";
        var unreachable = """{"status": "Unreachable", "unreachableReason": "Scrapped"}""";
        using (var edited = await api.SendAsync(HttpMethod.Put, $"api/v1/recalls/{id}/vehicles/{vins[1]}", token, unreachable, ifMatch: version))
            await ResourceApiPortal.ExpectAsync(edited, 204);
        using (var stale = await api.SendAsync(HttpMethod.Put, $"api/v1/recalls/{id}/vehicles/{vins[1]}", token, """{"status": "Open"}""", ifMatch: version))
            await ResourceApiPortal.ExpectAsync(stale, 412);
        using (var removed = await api.SendAsync(HttpMethod.Delete, $"api/v1/recalls/{id}/vehicles/{vins[2]}", token))
            await ResourceApiPortal.ExpectAsync(removed, 204);
        await using var db = api.Portal.CreateDb();
        var statuses = await db.Set<RecallVehicle>().Where(v => v.RecallId == id).ToDictionaryAsync(v => v.Vin, v => v.Status);
        Assert.Equal(new Dictionary<string, RecallVehicleStatus> { [vins[0]] = RecallVehicleStatus.Remedied, [vins[1]] = RecallVehicleStatus.Unreachable }, statuses);
    }

    [Fact]
    public async Task Refusals_are_problems_and_change_nothing()
    {
        var token = await api.TokenAsync("recall_admin");
        using (var none = await api.SendAsync(HttpMethod.Get, "api/v1/recalls", null))
            await ResourceApiPortal.ExpectAsync(none, 401);
        using (var denied = await api.SendAsync(HttpMethod.Get, "api/v1/recalls", await api.TokenAsync("support")))
            await ResourceApiPortal.ExpectAsync(denied, 403);
        using (var unknown = await api.SendAsync(HttpMethod.Get, "api/v1/recalls/987654", token))
            await ResourceApiPortal.ExpectAsync(unknown, 404);
        using (var unknownVehicles = await api.SendAsync(HttpMethod.Get, "api/v1/recalls/987654/vehicles", token))
            await ResourceApiPortal.ExpectAsync(unknownVehicles, 404);

        await using var db = api.Portal.CreateDb();
        var before = await db.Set<Recall>().CountAsync();
        var good = await RecallJsonAsync("Valid");
        foreach (var json in new[]
        {
            good[..^5], good.Replace("\"title\"", "\"titel\"", StringComparison.Ordinal), good.Replace("\"2023-11-20\"", "\"2023-13-45\"", StringComparison.Ordinal),
            good.Replace("\"2023-11-20\"", "20231120", StringComparison.Ordinal), """{"title": "x", "description": "y", "nhtsaNumber": "not a number"}""",
            JsonSerializer.Serialize(new { title = new string('t', 300), description = "y", nhtsaNumber = "23V862000" }),
            """{"title": "<img src=x onerror=alert(1)>", "description": "y", "nhtsaNumber": "'; DROP TABLE recalls; --"}""",
        })
        {
            using var bad = await api.SendAsync(HttpMethod.Post, "api/v1/recalls", token, json);
            await ResourceApiPortal.ExpectAsync(bad, 400);
        }
        Assert.Equal(before, await db.Set<Recall>().CountAsync());
        var (id, _) = await CreateAsync(token, "Mirror");
        using (var badType = await api.SendAsync(HttpMethod.Post, $"api/v1/recalls/{id}/remedy", token, """{"description": "x", "type": "Teleport"}"""))
            await ResourceApiPortal.ExpectAsync(badType, 400);
        using (var badStatus = await api.SendAsync(HttpMethod.Get, $"api/v1/recalls/{id}/vehicles?status=lost", token))
            await ResourceApiPortal.ExpectAsync(badStatus, 400);
        using (var badTag = await api.SendAsync(HttpMethod.Put, $"api/v1/recalls/{id}", token, await RecallJsonAsync("Mirror"), ifMatch: "\"a\", \"b\""))
            await ResourceApiPortal.ExpectAsync(badTag, 400);
        using var staff = await api.SendAsync(HttpMethod.Get, $"api/v1/recalls/{id}", null, client: await api.AdminCookieClientAsync());
        await ResourceApiPortal.ExpectAsync(staff, 200);
    }
}
