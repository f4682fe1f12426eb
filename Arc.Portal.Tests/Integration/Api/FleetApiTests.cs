using System.Text.Json;
using Arc.Domain.Credentials;
using Arc.Domain.Fleets;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration.Api;

/// <summary><c>/api/v1/fleets</c> on the running portal: the fleet pages' use cases through a token and a cookie, and their refusals.</summary>
[Collection(ResourceApiCollection.Name)]
public sealed class FleetApiTests(ResourceApiPortal api)
{
    private static string NewName() => "API fleet " + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task A_credential_creates_renames_fills_and_deletes_a_fleet_and_a_replayed_create_makes_one()
    {
        var (credential, token) = await api.CredentialAsync("all");
        var name = NewName();
        var key = Guid.NewGuid().ToString();
        using var created = await api.SendAsync(HttpMethod.Post, "api/v1/fleets", token, JsonSerializer.Serialize(new { name }), idempotencyKey: key);
        var body = await ResourceApiPortal.ExpectAsync(created, 201);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt32();
        using (var replay = await api.SendAsync(HttpMethod.Post, "api/v1/fleets", token, JsonSerializer.Serialize(new { name }), idempotencyKey: key))
            Assert.Equal(body, await ResourceApiPortal.ExpectAsync(replay, 201));
        await using (var db = api.Portal.CreateDb())
        {
            Assert.Equal(1, await db.Set<Fleet>().CountAsync(f => f.Name == name));
            // Audited with the credential as the actor, in the use case's own event.
            var (actor, entity) = (ServiceCredential.ActorPrefix + credential.ClientId, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(1, await db.AuditSet.CountAsync(e => e.Action == FleetAuditActions.Created && e.EntityId == entity && e.Actor == actor));
        }
        // A fleet has no row version: no ETag to send back.
        using (var read = await api.SendAsync(HttpMethod.Get, $"api/v1/fleets/{id}", token))
        {
            await ResourceApiPortal.ExpectAsync(read, 200);
            Assert.Null(read.Headers.ETag);
        }
        using (var list = await api.SendAsync(HttpMethod.Get, $"api/v1/fleets?name={Uri.EscapeDataString(name)}&sort=name&desc=true", token))
            Assert.Equal(id, (await ResourceApiPortal.JsonAsync(list)).GetProperty("items").EnumerateArray().Single().GetProperty("id").GetInt32());

        var renamed = NewName();
        using (var rename = await api.SendAsync(HttpMethod.Put, $"api/v1/fleets/{id}", token, JsonSerializer.Serialize(new { name = renamed })))
            Assert.Equal(renamed, JsonDocument.Parse(await ResourceApiPortal.ExpectAsync(rename, 200)).RootElement.GetProperty("name").GetString());

        var vins = await RecallTestData.AddVehiclesAsync(api.Portal, 3);
        using (var one = await api.SendAsync(HttpMethod.Put, $"api/v1/fleets/{id}/vehicles/{vins[0]}", token))
            await ResourceApiPortal.ExpectAsync(one, 204);
        using (var many = await api.SendAsync(HttpMethod.Post, $"api/v1/fleets/{id}/vehicles", token, JsonSerializer.Serialize(new { vins = vins[1..] })))
            Assert.Equal(2, JsonDocument.Parse(await ResourceApiPortal.ExpectAsync(many, 200)).RootElement.GetProperty("changed").GetInt32());
        using (var page = await api.SendAsync(HttpMethod.Get, $"api/v1/fleets/{id}/vehicles?pageSize=10", token))
            Assert.Equal(3, (await ResourceApiPortal.JsonAsync(page)).GetProperty("totalCount").GetInt32());
        using (var removeMany = await api.SendAsync(HttpMethod.Post, $"api/v1/fleets/{id}/vehicles/remove", token, JsonSerializer.Serialize(new { vins = vins[1..] })))
            await ResourceApiPortal.ExpectAsync(removeMany, 200);
        using (var removeOne = await api.SendAsync(HttpMethod.Delete, $"api/v1/fleets/{id}/vehicles/{vins[0]}", token))
            await ResourceApiPortal.ExpectAsync(removeOne, 204);

        var email = $"fleet-member-{Guid.NewGuid():N}@arc.test";
        var username = await api.Portal.CreateUserAsync(email);
        using (var add = await api.SendAsync(HttpMethod.Put, $"api/v1/fleets/{id}/users/{email}", token))
            Assert.Equal(username, JsonDocument.Parse(await ResourceApiPortal.ExpectAsync(add, 200)).RootElement.GetProperty("username").GetString());
        using (var removeUser = await api.SendAsync(HttpMethod.Delete, $"api/v1/fleets/{id}/users/{username}", token))
            await ResourceApiPortal.ExpectAsync(removeUser, 204);

        using (var type = await api.SendAsync(HttpMethod.Put, $"api/v1/fleets/{id}/settings/type", token, """{"id": null}"""))
            await ResourceApiPortal.ExpectAsync(type, 204);
        using (var badLocation = await api.SendAsync(HttpMethod.Put, $"api/v1/fleets/{id}/settings/location", token, """{"id": 987654}"""))
            await ResourceApiPortal.ExpectAsync(badLocation, 400);
        using (var badCode = await api.SendAsync(HttpMethod.Put, $"api/v1/fleets/{id}/settings/department-code", token, """{"id": "670"}"""))
            await ResourceApiPortal.ExpectAsync(badCode, 400);
        using (var settings = await api.SendAsync(HttpMethod.Get, $"api/v1/fleets/{id}/settings", token))
            Assert.Equal(JsonValueKind.Null, (await ResourceApiPortal.JsonAsync(settings)).GetProperty("locationId").ValueKind);

        using (var delete = await api.SendAsync(HttpMethod.Delete, $"api/v1/fleets/{id}", token))
            await ResourceApiPortal.ExpectAsync(delete, 204);
        using var gone = await api.SendAsync(HttpMethod.Get, $"api/v1/fleets/{id}", token);
        await ResourceApiPortal.ExpectAsync(gone, 404);
    }

    [Fact]
    public async Task Refusals_are_problems_and_change_nothing()
    {
        var token = await api.TokenAsync("all");
        using (var none = await api.SendAsync(HttpMethod.Get, "api/v1/fleets", null))
            await ResourceApiPortal.ExpectAsync(none, 401);
        using (var denied = await api.SendAsync(HttpMethod.Post, "api/v1/fleets", await api.TokenAsync("support"), """{"name":"x"}"""))
            await ResourceApiPortal.ExpectAsync(denied, 403);
        using (var unknown = await api.SendAsync(HttpMethod.Get, "api/v1/fleets/987654", token))
            await ResourceApiPortal.ExpectAsync(unknown, 404);
        using (var protectedFleet = await api.SendAsync(HttpMethod.Delete, $"api/v1/fleets/{Fleet.MakerFleetId}", token))
            await ResourceApiPortal.ExpectAsync(protectedFleet, 409);

        await using var db = api.Portal.CreateDb();
        var before = await db.Set<Fleet>().CountAsync();
        var existing = await db.Set<Fleet>().Select(f => f.Name).FirstAsync();
        foreach (var json in new[]
        {
            "{\"name\":", """{"name": "x", "owner": "me"}""", """{"name": ["x"]}""", "[]", "",
            JsonSerializer.Serialize(new { name = new string('f', 500) }), JsonSerializer.Serialize(new { name = "evil\u202Egnp.exe" }),
            JsonSerializer.Serialize(new { name = existing }),
        })
        {
            using var bad = await api.SendAsync(HttpMethod.Post, "api/v1/fleets", token, json);
            Assert.True((int)bad.StatusCode is 400 or 409, $"{json}: {(int)bad.StatusCode}");
            Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        }
        using (var hostile = await api.SendAsync(HttpMethod.Post, $"api/v1/fleets/{Fleet.MakerFleetId}/vehicles", token,
            """{"vins": ["<script>alert(1)</script>", "'; DELETE FROM fleets; --"]}"""))
            await ResourceApiPortal.ExpectAsync(hostile, 400);
        using (var badQuery = await api.SendAsync(HttpMethod.Get, "api/v1/fleets?sort=drop&page=x", token))
            await ResourceApiPortal.ExpectAsync(badQuery, 400);
        using (var badId = await api.SendAsync(HttpMethod.Get, "api/v1/fleets/one", token))
            await ResourceApiPortal.ExpectAsync(badId, 400);
        Assert.Equal(before, await db.Set<Fleet>().CountAsync());

        using var staff = await api.SendAsync(HttpMethod.Get, "api/v1/fleets?pageSize=1", null, client: await api.AdminCookieClientAsync());
        Assert.Equal(1, (await ResourceApiPortal.JsonAsync(staff)).GetProperty("items").GetArrayLength());
    }
}
