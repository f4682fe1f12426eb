using System.Net;
using Arc.Domain.Authorities;
using Arc.Portal.Tests.Support;
using static Arc.Portal.Tests.Integration.Api.OldRouteClient;

namespace Arc.Portal.Tests.Integration.Api;

/// <summary>
/// The old vehicle group writes (create, delete, a user's access) and vehicle token signing on the real portal, each sent
/// as the old client sent it and answered in the old field names; a bad or refused request gets the old error shape and
/// changes nothing.
/// </summary>
public sealed class OldGroupAndTokenRoutesTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private string? _admin;
    private string? _reader;

    private HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = portal.BaseAddress };

    private async Task<(string Admin, string Reader)> TokensAsync(HttpClient client)
    {
        if (_admin is null)
        {
            var admin = await ApiClient.CreateCredentialAsync(portal, "Old dealer tool", "all");
            await portal.AddAuthorityMemberAsync("credential:" + admin.ClientId, Authority.RootId);
            _admin = await ApiClient.TokenAsync(client, admin);
            _reader = await ApiClient.TokenAsync(client, await ApiClient.CreateCredentialAsync(portal, "Old reader", "support"));
        }
        return (_admin, _reader!);
    }

    [Fact]
    public async Task A_vehicle_group_is_created_given_a_user_and_deleted_in_the_old_shapes()
    {
        using var client = Client();
        var (admin, reader) = await TokensAsync(client);
        var name = FleetTestData.NewFleetName("Old group");

        var created = await SendAsync(client, HttpMethod.Post, "vm/v1/groups", admin, $$"""{"group": "{{name}}"}""");
        Assert.True(created.Status == HttpStatusCode.OK, created.Body.ToString());
        HasFields(created.Body, "group_id");
        var id = created.Body.GetProperty("group_id").GetInt32();
        Assert.Equal(name, (await GetAsync(client, $"vm/v1/groups/{id}", admin)).Body.GetProperty("name").GetString());
        IsOldError(await SendAsync(client, HttpMethod.Post, "vm/v1/groups", admin, $$"""{"group": "{{name}}"}"""), HttpStatusCode.BadRequest, "ArcimotoArgumentError");
        foreach (var bad in new[] { """{"group": ""}""", """{"group": 5}""", "{}", """{"group": "a\u202Eb"}""", "{\"group\": \"" + new string('g', 3000) + "\"}" })
            IsOldError(await SendAsync(client, HttpMethod.Post, "vm/v1/groups", admin, bad), HttpStatusCode.BadRequest, "ArcimotoArgumentError");
        IsOldError(await SendAsync(client, HttpMethod.Post, "vm/v1/groups", reader, """{"group": "Reader's"}"""), HttpStatusCode.Unauthorized, "ArcimotoPermissionError");

        var username = await portal.CreateUserAsync($"old-group-{Guid.NewGuid():N}@arc.test");
        var user = $"vm/v1/groups/{id}/user/{username}";
        IsOldError(await SendAsync(client, HttpMethod.Put, user, reader), HttpStatusCode.Unauthorized, "ArcimotoPermissionError");
        var added = await SendAsync(client, HttpMethod.Put, user, admin);
        Assert.True(added.Status == HttpStatusCode.OK, added.Body.ToString());
        HasFields(added.Body, "vehicle_group_id", "username");
        Assert.Equal((id, username), (added.Body.GetProperty("vehicle_group_id").GetInt32(), added.Body.GetProperty("username").GetString()));
        Assert.Contains(username, (await GetAsync(client, $"vm/v1/groups/{id}", admin)).Body.GetProperty("users").EnumerateArray().Select(u => u.GetString()));
        IsOldError(await SendAsync(client, HttpMethod.Put, user, admin), HttpStatusCode.BadRequest, "ArcimotoArgumentError", "already");
        IsOldError(await SendAsync(client, HttpMethod.Put, $"vm/v1/groups/{id}/user/nobody-{Guid.NewGuid():N}", admin), HttpStatusCode.BadRequest,
            "ArcimotoArgumentError");
        IsOldError(await SendAsync(client, HttpMethod.Put, $"vm/v1/groups/x/user/{username}", admin), HttpStatusCode.BadRequest, "ArcimotoArgumentError",
            "Invalid vehicle_group_id");

        var removed = await SendAsync(client, HttpMethod.Delete, user, admin);
        HasFields(removed.Body, "vehicle_group_id", "username");
        Assert.Empty((await GetAsync(client, $"vm/v1/groups/{id}", admin)).Body.GetProperty("users").EnumerateArray());
        IsOldError(await SendAsync(client, HttpMethod.Delete, user, admin), HttpStatusCode.BadRequest, "ArcimotoArgumentError", "nothing to remove");

        IsOldError(await SendAsync(client, HttpMethod.Delete, $"vm/v1/groups/{id}", reader), HttpStatusCode.Unauthorized, "ArcimotoPermissionError");
        var deleted = await SendAsync(client, HttpMethod.Delete, $"vm/v1/groups/{id}", admin);
        HasFields(deleted.Body, "group_id");
        IsOldError(await GetAsync(client, $"vm/v1/groups/{id}", admin), HttpStatusCode.NotFound, "ArcimotoNotFoundError");
        IsOldError(await SendAsync(client, HttpMethod.Delete, "vm/v1/groups/1", admin), HttpStatusCode.Forbidden, "ArcimotoArgumentError");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "vm/v1/groups/1", admin)).Status);
    }

    [Fact]
    public async Task A_vehicle_token_is_signed_in_the_old_shape_and_a_bad_or_refused_request_is_not()
    {
        using var client = Client();
        var (admin, reader) = await TokensAsync(client);
        var path = $"vm/v1/vehicles/{DemoVins.First}/token";

        var signed = await SendAsync(client, HttpMethod.Post, path, admin, $$$"""{"authority_id": 1, "token": {"vin": "{{{DemoVins.First}}}", "user": "driver-7"}}""");
        Assert.True(signed.Status == HttpStatusCode.OK, signed.Body.ToString());
        HasFields(signed.Body, "token");
        var parts = signed.Body.GetProperty("token").GetString()!.Split("\n====SIGNATURE====\n");
        Assert.Equal(2, parts.Length);
        Assert.Contains(DemoVins.First, parts[0], StringComparison.Ordinal);
        Assert.Equal(64, Convert.FromBase64String(parts[1]).Length);

        foreach (var bad in new[]
            {
                """{"authority_id": 1, "token": {"user": "driver-7"}}""", """{"authority_id": 1}""", """{"token": {"vin": "x"}}""",
                $$$"""{"authority_id": 1, "token": {"vin": "{{{FleetTestData.NewVin()}}}"}}""", $$$"""{"authority_id": "one", "token": {"vin": "{{{DemoVins.First}}}"}}""",
                $$$"""{"authority_id": 1, "token": "{\"vin\": \"{{{DemoVins.First}}}\"}"}""", """{"authority_id": 1, "token": {"vin": "<script>"}}""",
            })
            IsOldError(await SendAsync(client, HttpMethod.Post, path, admin, bad), HttpStatusCode.BadRequest, "ArcimotoArgumentError");
        IsOldError(await SendAsync(client, HttpMethod.Post, path, admin, $$$"""{"authority_id": 999999, "token": {"vin": "{{{DemoVins.First}}}"}}"""),
            HttpStatusCode.NotFound, "ArcimotoNotFoundError");
        IsOldError(await SendAsync(client, HttpMethod.Post, path, reader, $$$"""{"authority_id": 1, "token": {"vin": "{{{DemoVins.First}}}"}}"""),
            HttpStatusCode.Unauthorized, "ArcimotoPermissionError");
        IsGatewayRefusal(await SendAsync(client, HttpMethod.Post, path, null, $$$"""{"authority_id": 1, "token": {"vin": "{{{DemoVins.First}}}"}}"""));
    }
}
