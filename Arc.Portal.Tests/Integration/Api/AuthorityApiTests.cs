using System.Net;
using System.Text.Json;
using Arc.Domain.Authorities;
using Arc.Domain.Credentials;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration.Api;

/// <summary>
/// <c>/api/v1/authorities</c> on the running portal: the Authority Manager's use cases through a credential's token and
/// the staff cookie, their refusals, If-Match on member changes and an idempotent create.
/// </summary>
[Collection(ResourceApiCollection.Name)]
public sealed class AuthorityApiTests(ResourceApiPortal api)
{
    /// <summary>An administrator credential that acts for the root authority, as a root member would.</summary>
    private async Task<string> RootTokenAsync()
    {
        var (credential, token) = await api.CredentialAsync("all");
        await using var db = api.Portal.CreateDb();
        var actor = ServiceCredential.ActorPrefix + credential.ClientId;
        if (!await db.Set<AuthorityMember>().AnyAsync(m => m.AuthorityId == Authority.RootId && m.Username == actor))
            await api.Portal.AddAuthorityMemberAsync(actor, Authority.RootId);
        return token;
    }

    private async Task<(int Id, string ETag)> CreateAsync(string token, string description)
    {
        using var created = await api.SendAsync(HttpMethod.Post, "api/v1/authorities", token, JsonSerializer.Serialize(new { description }));
        var body = JsonDocument.Parse(await ResourceApiPortal.ExpectAsync(created, 201)).RootElement;
        var id = body.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/authorities/{id}", created.Headers.Location?.ToString());
        return (id, created.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task A_credential_creates_an_authority_grants_it_a_vehicle_signs_a_token_revokes_and_deletes_it()
    {
        var token = await RootTokenAsync();
        var (id, _) = await CreateAsync(token, "Dealer " + Guid.NewGuid().ToString("N")[..8]);

        using var list = await api.SendAsync(HttpMethod.Get, "api/v1/authorities", token);
        Assert.Contains((await ResourceApiPortal.JsonAsync(list)).EnumerateArray(), a => a.GetProperty("id").GetInt32() == id);

        using var grant = await api.SendAsync(HttpMethod.Put, $"api/v1/authorities/{id}/vehicles/{DemoVins.First}", token);
        await ResourceApiPortal.ExpectAsync(grant, 204);
        using var vehicles = await api.SendAsync(HttpMethod.Get, $"api/v1/authorities/{id}/vehicles?pageSize=5", token);
        Assert.Equal(DemoVins.First, (await ResourceApiPortal.JsonAsync(vehicles)).GetProperty("items")[0].GetString());

        using var signed = await api.SendAsync(HttpMethod.Post, $"api/v1/authorities/{id}/tokens", token,
            JsonSerializer.Serialize(new { token = new { vin = DemoVins.First, user = "api-test" } }));
        var signedToken = JsonDocument.Parse(await ResourceApiPortal.ExpectAsync(signed, 200)).RootElement.GetProperty("token").GetString()!;
        using var detail = await api.SendAsync(HttpMethod.Get, $"api/v1/authorities/{id}", token);
        var trustedKey = (await ResourceApiPortal.JsonAsync(detail)).GetProperty("trustedKey").GetString()!;
        Assert.True(VehicleToken.Verify(signedToken, trustedKey));

        using var revoke = await api.SendAsync(HttpMethod.Delete, $"api/v1/authorities/{id}/vehicles/{DemoVins.First}", token);
        Assert.Equal([id], JsonDocument.Parse(await ResourceApiPortal.ExpectAsync(revoke, 200)).RootElement.GetProperty("authorities")
            .EnumerateArray().Select(a => a.GetInt32()));
        using var delete = await api.SendAsync(HttpMethod.Delete, $"api/v1/authorities/{id}", token);
        await ResourceApiPortal.ExpectAsync(delete, 200);
        using var gone = await api.SendAsync(HttpMethod.Get, $"api/v1/authorities/{id}", token);
        await ResourceApiPortal.ExpectAsync(gone, 404);
    }

    [Fact]
    public async Task A_member_change_with_a_stale_if_match_is_412_and_changes_nothing()
    {
        var token = await RootTokenAsync();
        var (id, etag) = await CreateAsync(token, "Members " + Guid.NewGuid().ToString("N")[..8]);
        var email = $"member-{Guid.NewGuid():N}@arc.test";
        await api.Portal.CreateUserAsync(email);

        using var add = await api.SendAsync(HttpMethod.Put, $"api/v1/authorities/{id}/members/{email}", token, ifMatch: etag);
        await ResourceApiPortal.ExpectAsync(add, 204);
        using var stale = await api.SendAsync(HttpMethod.Delete, $"api/v1/authorities/{id}/members/{email}", token, ifMatch: etag);
        Assert.Contains("changed", await ResourceApiPortal.ExpectAsync(stale, 412), StringComparison.Ordinal);
        using var read = await api.SendAsync(HttpMethod.Get, $"api/v1/authorities/{id}", token);
        Assert.Contains(email, (await ResourceApiPortal.JsonAsync(read)).GetProperty("members").EnumerateArray().Select(m => m.GetString()));
        Assert.NotEqual(etag, read.Headers.ETag!.ToString());

        using var malformed = await api.SendAsync(HttpMethod.Delete, $"api/v1/authorities/{id}/members/{email}", token, ifMatch: "W/\"x\"");
        await ResourceApiPortal.ExpectAsync(malformed, 400);
        using var current = await api.SendAsync(HttpMethod.Delete, $"api/v1/authorities/{id}/members/{email}", token, ifMatch: read.Headers.ETag!.ToString());
        await ResourceApiPortal.ExpectAsync(current, 204);
        using var unconditional = await api.SendAsync(HttpMethod.Put, $"api/v1/authorities/{id}/members/{email}", token);
        await ResourceApiPortal.ExpectAsync(unconditional, 204);
    }

    [Fact]
    public async Task A_create_sent_twice_with_one_key_creates_once_and_answers_alike()
    {
        var token = await RootTokenAsync();
        var description = "Once " + Guid.NewGuid().ToString("N")[..8];
        var body = JsonSerializer.Serialize(new { description });
        var key = Guid.NewGuid().ToString();
        using var first = await api.SendAsync(HttpMethod.Post, "api/v1/authorities", token, body, idempotencyKey: key);
        using var again = await api.SendAsync(HttpMethod.Post, "api/v1/authorities", token, body, idempotencyKey: key);
        Assert.Equal(await ResourceApiPortal.ExpectAsync(first, 201), await ResourceApiPortal.ExpectAsync(again, 201));
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        using var other = await api.SendAsync(HttpMethod.Post, "api/v1/authorities", token, JsonSerializer.Serialize(new { description = "Other" }), idempotencyKey: key);
        await ResourceApiPortal.ExpectAsync(other, 422);
        await using var db = api.Portal.CreateDb();
        Assert.Equal(1, await db.Set<Authority>().CountAsync(a => a.Description == description));
    }

    [Fact]
    public async Task Calls_without_a_token_without_the_permission_for_nothing_or_with_bad_input_are_refused_with_problems()
    {
        var token = await RootTokenAsync();
        using var none = await api.SendAsync(HttpMethod.Get, "api/v1/authorities", null);
        await ResourceApiPortal.ExpectAsync(none, 401);
        var support = await api.TokenAsync("support");
        using var denied = await api.SendAsync(HttpMethod.Get, "api/v1/authorities", support);
        await ResourceApiPortal.ExpectAsync(denied, 403);
        using var deniedCreate = await api.SendAsync(HttpMethod.Post, "api/v1/authorities", support, """{"description":"x"}""");
        await ResourceApiPortal.ExpectAsync(deniedCreate, 403);
        using var unknown = await api.SendAsync(HttpMethod.Get, "api/v1/authorities/987654", token);
        await ResourceApiPortal.ExpectAsync(unknown, 404);

        await using var db = api.Portal.CreateDb();
        var before = await db.Set<Authority>().CountAsync();
        foreach (var (path, json) in new[]
        {
            ("api/v1/authorities", "{\"description\": "),
            ("api/v1/authorities", """{"description": "x", "admin": true}"""),
            ("api/v1/authorities", """{"description": 42}"""),
            ("api/v1/authorities", """{"description": "x", "parentId": "root"}"""),
            ("api/v1/authorities", JsonSerializer.Serialize(new { description = new string('a', 5000) })),
            ("api/v1/authorities", """{"description": "   "}"""),
            ("api/v1/authorities", """{"description": "x", "parentId": 987654}"""),
            ("api/v1/authorities/abc/tokens", """{"token": {"vin": "x"}}"""),
            ("api/v1/authorities/1/tokens", """{"token": "'; DROP TABLE authkey.authority; --"}"""),
            ("api/v1/authorities/1/tokens", """{"token": {"vin": "<script>alert(1)</script>"}}"""),
        })
        {
            using var bad = await api.SendAsync(HttpMethod.Post, path, token, json);
            await ResourceApiPortal.ExpectAsync(bad, 400);
        }
        using var hostileVin = await api.SendAsync(HttpMethod.Put, "api/v1/authorities/1/vehicles/%27%3B%20DROP%20TABLE%20x%3B--", token);
        await ResourceApiPortal.ExpectAsync(hostileVin, 400);
        // Refused on its declared length before it is read; the client waits for that answer (100-continue) rather than
        // writing two megabytes into a connection the portal closes.
        using var oversized = new HttpRequestMessage(HttpMethod.Post, "api/v1/authorities")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { description = new string('a', 2 * 1024 * 1024) }), System.Text.Encoding.UTF8, "application/json"),
        };
        oversized.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        oversized.Headers.ExpectContinue = true;
        using var huge = await api.Client.SendAsync(oversized);
        Assert.Contains("takes at most", await ResourceApiPortal.ExpectAsync(huge, 413), StringComparison.Ordinal);
        Assert.Equal(before, await db.Set<Authority>().CountAsync());
    }

    [Fact]
    public async Task Staff_use_their_session_cookie_and_a_cookie_write_must_send_json()
    {
        var staff = await api.AdminCookieClientAsync();
        using var list = await api.SendAsync(HttpMethod.Get, "api/v1/authorities", null, client: staff);
        Assert.Contains((await ResourceApiPortal.JsonAsync(list)).EnumerateArray(), a => a.GetProperty("id").GetInt32() == Authority.RootId);
        using var root = await api.SendAsync(HttpMethod.Get, $"api/v1/authorities/{Authority.RootId}", null, client: staff);
        await ResourceApiPortal.ExpectAsync(root, 200);
        Assert.NotNull(root.Headers.ETag);

        using var form = new HttpRequestMessage(HttpMethod.Post, $"api/v1/authorities/{Authority.RootId}/tokens")
        {
            Content = new FormUrlEncodedContent([new("token", "{\"vin\":\"x\"}")]),
        };
        using var forged = await staff.SendAsync(form);
        // A form never reaches the operation: its body must be JSON (a problem saying so, or 405 when routing finds no operation for it).
        Assert.True(forged.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnsupportedMediaType or HttpStatusCode.MethodNotAllowed,
            forged.StatusCode.ToString());
        var description = "Cookie " + Guid.NewGuid().ToString("N")[..8];
        using var created = await api.SendAsync(HttpMethod.Post, "api/v1/authorities", null, JsonSerializer.Serialize(new { description }), client: staff);
        await ResourceApiPortal.ExpectAsync(created, 201);
    }
}
