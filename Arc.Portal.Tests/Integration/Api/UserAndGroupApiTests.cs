using System.Net;
using System.Text.Json;
using Arc.Domain.Permissions;
using Arc.Domain.Users;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration.Api;

/// <summary>
/// <c>/api/v1/users</c> and <c>/api/v1/groups</c> on the running portal: invite, read, disable and enable under If-Match,
/// group membership, groups and their permissions, and the refusals.
/// </summary>
[Collection(ResourceApiCollection.Name)]
public sealed class UserAndGroupApiTests(ResourceApiPortal api)
{
    [Fact]
    public async Task A_user_is_invited_once_read_with_its_etag_disabled_enabled_grouped_and_deleted()
    {
        var token = await api.TokenAsync("all");
        var email = $"invited-{Guid.NewGuid():N}@arc.test";
        var invite = JsonSerializer.Serialize(new { displayName = "Invited Person", email, groupIds = new[] { SeedGroups.ByMachineName("support").Id } });
        var key = Guid.NewGuid().ToString();
        using var created = await api.SendAsync(HttpMethod.Post, "api/v1/users", token, invite, idempotencyKey: key);
        var body = await ResourceApiPortal.ExpectAsync(created, 201);
        using (var replay = await api.SendAsync(HttpMethod.Post, "api/v1/users", token, invite, idempotencyKey: key))
            Assert.Equal(body, await ResourceApiPortal.ExpectAsync(replay, 201));
        var username = JsonDocument.Parse(body).RootElement.GetProperty("username").GetString()!;
        await using (var db = api.Portal.CreateDb())
            Assert.Equal(1, await db.UserSet.CountAsync(u => u.Email == email));

        using (var resend = await api.SendAsync(HttpMethod.Post, $"api/v1/users/{username}/invitation", token))
            await ResourceApiPortal.ExpectAsync(resend, 204);
        using var read = await api.SendAsync(HttpMethod.Get, $"api/v1/users/{username}", token);
        var user = await ResourceApiPortal.JsonAsync(read);
        Assert.Equal("Arcimoto Support", user.GetProperty("groups")[0].GetProperty("name").GetString());
        var etag = read.Headers.ETag!.ToString();

        var groupId = SeedGroups.ByMachineName("delivery").Id;
        using (var join = await api.SendAsync(HttpMethod.Put, $"api/v1/users/{username}/groups/{groupId}", token, ifMatch: etag))
            await ResourceApiPortal.ExpectAsync(join, 204);
        using (var stale = await api.SendAsync(HttpMethod.Post, $"api/v1/users/{username}/disable", token, ifMatch: etag))
            await ResourceApiPortal.ExpectAsync(stale, 412);
        using var current = await api.SendAsync(HttpMethod.Get, $"api/v1/users/{username}", token);
        Assert.True((await ResourceApiPortal.JsonAsync(current)).GetProperty("enabled").GetBoolean());
        using (var disable = await api.SendAsync(HttpMethod.Post, $"api/v1/users/{username}/disable", token, ifMatch: current.Headers.ETag!.ToString()))
            await ResourceApiPortal.ExpectAsync(disable, 204);
        using (var disabled = await api.SendAsync(HttpMethod.Get, $"api/v1/users/{username}", token))
            Assert.False((await ResourceApiPortal.JsonAsync(disabled)).GetProperty("enabled").GetBoolean());
        using (var enable = await api.SendAsync(HttpMethod.Post, $"api/v1/users/{username}/enable", token))
            await ResourceApiPortal.ExpectAsync(enable, 204);
        using (var leave = await api.SendAsync(HttpMethod.Delete, $"api/v1/users/{username}/groups/{groupId}", token))
            await ResourceApiPortal.ExpectAsync(leave, 204);
        using (var list = await api.SendAsync(HttpMethod.Get, $"api/v1/users?search={Uri.EscapeDataString(email)}", token))
            Assert.Equal(username, (await ResourceApiPortal.JsonAsync(list)).GetProperty("items")[0].GetProperty("username").GetString());
        using (var delete = await api.SendAsync(HttpMethod.Delete, $"api/v1/users/{username}", token))
            await ResourceApiPortal.ExpectAsync(delete, 204);
        using var gone = await api.SendAsync(HttpMethod.Get, $"api/v1/users/{username}", token);
        await ResourceApiPortal.ExpectAsync(gone, 404);
    }

    [Fact]
    public async Task A_group_is_created_renamed_under_if_match_given_permissions_and_deleted()
    {
        var token = await api.TokenAsync("all");
        var name = "API group " + Guid.NewGuid().ToString("N")[..8];
        using var created = await api.SendAsync(HttpMethod.Post, "api/v1/groups", token, JsonSerializer.Serialize(new { name }), idempotencyKey: Guid.NewGuid().ToString());
        var id = JsonDocument.Parse(await ResourceApiPortal.ExpectAsync(created, 201)).RootElement.GetProperty("id").GetInt32();
        var etag = created.Headers.ETag!.ToString();

        using (var grant = await api.SendAsync(HttpMethod.Put, $"api/v1/groups/{id}/permissions/{Perm.VehicleRead}", token, ifMatch: etag))
            await ResourceApiPortal.ExpectAsync(grant, 204);
        using (var stale = await api.SendAsync(HttpMethod.Put, $"api/v1/groups/{id}", token, JsonSerializer.Serialize(new { name = name + " stale" }), ifMatch: etag))
            await ResourceApiPortal.ExpectAsync(stale, 412);
        using var read = await api.SendAsync(HttpMethod.Get, $"api/v1/groups/{id}", token);
        var group = await ResourceApiPortal.JsonAsync(read);
        Assert.Equal(name, group.GetProperty("name").GetString());
        Assert.Equal(Perm.VehicleRead, group.GetProperty("permissions")[0].GetProperty("name").GetString());
        using (var rename = await api.SendAsync(HttpMethod.Put, $"api/v1/groups/{id}", token, JsonSerializer.Serialize(new { name = name + " renamed" }),
            ifMatch: read.Headers.ETag!.ToString()))
            await ResourceApiPortal.ExpectAsync(rename, 200);
        using (var revoke = await api.SendAsync(HttpMethod.Delete, $"api/v1/groups/{id}/permissions/{Perm.VehicleRead}", token))
            await ResourceApiPortal.ExpectAsync(revoke, 204);
        using (var list = await api.SendAsync(HttpMethod.Get, "api/v1/groups", token))
            Assert.Contains((await ResourceApiPortal.JsonAsync(list)).EnumerateArray(), g => g.GetProperty("name").GetString() == name + " renamed");
        using (var delete = await api.SendAsync(HttpMethod.Delete, $"api/v1/groups/{id}", token))
            await ResourceApiPortal.ExpectAsync(delete, 204);
        using var gone = await api.SendAsync(HttpMethod.Get, $"api/v1/groups/{id}", token);
        await ResourceApiPortal.ExpectAsync(gone, 404);
    }

    [Fact]
    public async Task Refusals_are_problems_and_change_nothing()
    {
        var token = await api.TokenAsync("all");
        using (var none = await api.SendAsync(HttpMethod.Get, "api/v1/users", null))
            await ResourceApiPortal.ExpectAsync(none, 401);
        var support = await api.TokenAsync("support");
        using (var denied = await api.SendAsync(HttpMethod.Get, "api/v1/users", support))
            await ResourceApiPortal.ExpectAsync(denied, 403);
        using (var deniedGroups = await api.SendAsync(HttpMethod.Post, "api/v1/groups", support, """{"name":"x"}"""))
            await ResourceApiPortal.ExpectAsync(deniedGroups, 403);
        using (var unknownUser = await api.SendAsync(HttpMethod.Get, "api/v1/users/nobody-at-all", token))
            await ResourceApiPortal.ExpectAsync(unknownUser, 404);
        using (var unknownGroup = await api.SendAsync(HttpMethod.Get, "api/v1/groups/987654", token))
            await ResourceApiPortal.ExpectAsync(unknownGroup, 404);
        using (var unknownPermission = await api.SendAsync(HttpMethod.Put, $"api/v1/groups/{SeedGroups.ByMachineName("support").Id}/permissions/no.such.permission", token))
            await ResourceApiPortal.ExpectAsync(unknownPermission, 400);

        await using var db = api.Portal.CreateDb();
        var before = await db.UserSet.CountAsync();
        foreach (var json in new[]
        {
            "{\"email\": \"x@arc.test\"", """{"displayName": "A", "email": "a@arc.test", "isAdmin": true}""", """{"displayName": "A", "email": 7}""",
            """{"displayName": "A", "email": "<script>@arc.test"}""", """{"displayName": "A", "email": "a@arc.test", "groupIds": ["all"]}""",
            """{"displayName": "A", "email": "a@arc.test", "mfa": "sometimes"}""", JsonSerializer.Serialize(new { displayName = new string('n', 1000), email = "b@arc.test" }),
        })
        {
            using var bad = await api.SendAsync(HttpMethod.Post, "api/v1/users", token, json);
            await ResourceApiPortal.ExpectAsync(bad, 400);
        }
        Assert.Equal(before, await db.UserSet.CountAsync());

        // A cross-site form posting with the staff cookie is refused before the operation: the account stays enabled.
        var target = await api.Portal.CreateUserAsync($"target-{Guid.NewGuid():N}@arc.test");
        var staff = await api.AdminCookieClientAsync();
        using (var form = new HttpRequestMessage(HttpMethod.Post, $"api/v1/users/{target}/disable") { Content = new FormUrlEncodedContent([new("x", "1")]) })
        using (var forged = await staff.SendAsync(form))
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, forged.StatusCode);
        using (var bare = await staff.PostAsync($"api/v1/users/{target}/disable", null))
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, bare.StatusCode);
        Assert.True((await db.UserSet.AsNoTracking().SingleAsync(u => u.Username == target)).Enabled);
        using (var json = await api.SendAsync(HttpMethod.Post, $"api/v1/users/{target}/disable", null, "{}", client: staff))
            await ResourceApiPortal.ExpectAsync(json, 204);
        Assert.False((await db.UserSet.AsNoTracking().SingleAsync(u => u.Username == target)).Enabled);
    }
}
