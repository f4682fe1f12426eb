using System.Net;
using Arc.Domain.Authorities;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Arc.Portal.Tests.Integration.Api.OldRouteClient;

namespace Arc.Portal.Tests.Integration.Api;

/// <summary>
/// The old Authority Manager writes on the real portal: creating an authority, granting and revoking a vehicle and
/// deleting the authority, each sent as the old client sent it and answered in the old field names; a bad or refused
/// request gets the old error shape and changes nothing.
/// </summary>
public sealed class OldAuthorityWriteRoutesTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = portal.BaseAddress };

    /// <summary>An administrator's credential that acts for the root authority, as the old dealer tool's account did.</summary>
    private async Task<string> AdminTokenAsync(HttpClient client)
    {
        var credential = await ApiClient.CreateCredentialAsync(portal, "Old dealer tool", "all");
        await portal.AddAuthorityMemberAsync("credential:" + credential.ClientId, Authority.RootId);
        return await ApiClient.TokenAsync(client, credential);
    }

    private async Task<int> AuthorityCountAsync()
    {
        await using var db = portal.CreateDb();
        return await db.Set<Authority>().CountAsync();
    }

    private async Task<bool> ControlsAsync(int authority, string vin)
    {
        await using var db = portal.CreateDb();
        return await db.Set<VehicleAuthority>().AnyAsync(a => a.AuthorityId == authority && a.Vin == vin);
    }

    [Fact]
    public async Task An_authority_is_created_given_a_vehicle_relieved_of_it_and_deleted_in_the_old_shapes()
    {
        using var client = Client();
        var token = await AdminTokenAsync(client);
        var vin = (await FleetTestData.AddVehiclesAsync(portal, 1))[0];

        var created = await SendAsync(client, HttpMethod.Post, "am/v1/authorities", token,
            """{"description": "Old dealer network", "parent_authority_id": "", "use_default_kms_cmk": true}""");
        Assert.True(created.Status == HttpStatusCode.OK, created.Body.ToString());
        HasFields(created.Body, "id");
        var id = created.Body.GetProperty("id").GetInt32();
        var detail = await GetAsync(client, $"am/v1/authorities/{id}", token);
        Assert.Equal((1, "Old dealer network"), (detail.Body.GetProperty("parent").GetInt32(), detail.Body.GetProperty("description").GetString()));
        var child = await SendAsync(client, HttpMethod.Post, "am/v1/authorities", token, $$"""{"description": "Old dealer", "parent_authority_id": "{{id}}"}""");
        var childId = child.Body.GetProperty("id").GetInt32();
        Assert.Equal(id, (await GetAsync(client, $"am/v1/authorities/{childId}", token)).Body.GetProperty("parent").GetInt32());

        // The root first, then the new authority: no delegation skips a level.
        IsOldError(await SendAsync(client, HttpMethod.Put, $"am/v1/authorities/{id}/vehicles/{vin}", token), HttpStatusCode.NotFound, "ArcimotoNotFoundError");
        foreach (var authority in new[] { Authority.RootId, id, id })
        {
            var granted = await SendAsync(client, HttpMethod.Put, $"am/v1/authorities/{authority}/vehicles/{vin}", token);
            Assert.True(granted.Status == HttpStatusCode.OK, granted.Body.ToString());
            HasFields(granted.Body, "id", "vin");
            Assert.Equal((authority, vin), (granted.Body.GetProperty("id").GetInt32(), granted.Body.GetProperty("vin").GetString()));
        }
        Assert.Contains(vin, (await GetAsync(client, $"am/v1/authorities/{id}", token)).Body.GetProperty("vehicles").EnumerateArray().Select(v => v.GetString()));

        var revoked = await SendAsync(client, HttpMethod.Delete, $"am/v1/authorities/{id}/vehicles/{vin}", token);
        Assert.True(revoked.Status == HttpStatusCode.OK, revoked.Body.ToString());
        HasFields(revoked.Body, "id", "vin");
        Assert.False(await ControlsAsync(id, vin));
        IsOldError(await SendAsync(client, HttpMethod.Delete, $"am/v1/authorities/{id}/vehicles/{vin}", token), HttpStatusCode.BadRequest,
            "ArcimotoArgumentError", "does not control");
        IsOldError(await SendAsync(client, HttpMethod.Delete, $"am/v1/authorities/{Authority.RootId}/vehicles/{vin}", token), HttpStatusCode.Forbidden,
            "ArcimotoArgumentError");
        Assert.True(await ControlsAsync(Authority.RootId, vin));

        await SendAsync(client, HttpMethod.Put, $"am/v1/authorities/{id}/vehicles/{vin}", token);
        var deleted = await SendAsync(client, HttpMethod.Delete, $"am/v1/authorities/{id}", token);
        Assert.True(deleted.Status == HttpStatusCode.OK, deleted.Body.ToString());
        HasFields(deleted.Body, "id", "vin");
        Assert.Equal(id, deleted.Body.GetProperty("id").GetInt32());
        Assert.Contains(vin, deleted.Body.GetProperty("vin").EnumerateArray().Select(v => v.GetString()));
        IsOldError(await GetAsync(client, $"am/v1/authorities/{id}", token), HttpStatusCode.NotFound, "ArcimotoNotFoundError");
        IsOldError(await GetAsync(client, $"am/v1/authorities/{childId}", token), HttpStatusCode.NotFound, "ArcimotoNotFoundError");
        Assert.True(await ControlsAsync(Authority.RootId, vin));
    }

    [Fact]
    public async Task Bad_hostile_and_refused_authority_writes_get_the_old_errors_and_change_nothing()
    {
        using var client = Client();
        var token = await AdminTokenAsync(client);
        var vin = (await FleetTestData.AddVehiclesAsync(portal, 1))[0];
        var count = await AuthorityCountAsync();

        foreach (var (body, field) in new[]
            {
                ("""{"description": ""}""", "description"), ("""{"parent_authority_id": 1}""", "description"),
                ("""{"description": "X", "parent_authority_id": "one"}""", "parent_authority_id"),
                ("""{"description": "X", "parent_authority_id": -3}""", "parent_authority_id"),
                ("""{"description": "X", "parent_authority_id": 999999}""", "parent_authority_id"),
                ("""{"description": 5}""", "description"), ("""{"description": "X\u0000<script>"}""", "description"),
                ("{\"description\": \"" + new string('x', 5000) + "\"}", "description"),
            })
            IsOldError(await SendAsync(client, HttpMethod.Post, "am/v1/authorities", token, body), HttpStatusCode.BadRequest, "ArcimotoArgumentError", field);
        IsOldError(await SendAsync(client, HttpMethod.Post, "am/v1/authorities", token, """{"description": "X" """), HttpStatusCode.BadRequest,
            "ArcimotoArgumentError");
        IsOldError(await SendAsync(client, HttpMethod.Post, "am/v1/authorities", token, "description=X", "application/x-www-form-urlencoded"),
            HttpStatusCode.BadRequest, "ArcimotoArgumentError", "application/json");

        IsOldError(await SendAsync(client, HttpMethod.Delete, $"am/v1/authorities/{Authority.RootId}", token), HttpStatusCode.Forbidden, "ArcimotoArgumentError");
        IsOldError(await SendAsync(client, HttpMethod.Delete, "am/v1/authorities/999999", token), HttpStatusCode.NotFound, "ArcimotoNotFoundError");
        IsOldError(await SendAsync(client, HttpMethod.Delete, "am/v1/authorities/1%20OR%201=1", token), HttpStatusCode.BadRequest, "ArcimotoArgumentError",
            "Invalid authority id");
        IsOldError(await SendAsync(client, HttpMethod.Put, "am/v1/authorities/1/vehicles/%3Cscript%3E", token), HttpStatusCode.BadRequest, "ArcimotoArgumentError");
        IsOldError(await SendAsync(client, HttpMethod.Put, $"am/v1/authorities/1/vehicles/{FleetTestData.NewVin()}", token), HttpStatusCode.NotFound,
            "ArcimotoNotFoundError");

        // Holding the permissions is not enough: the caller must act for the authority above, as on the pages.
        var outsider = await ApiClient.TokenAsync(client, await ApiClient.CreateCredentialAsync(portal, "Outside tool", "all"));
        IsOldError(await SendAsync(client, HttpMethod.Put, $"am/v1/authorities/1/vehicles/{vin}", outsider), HttpStatusCode.Unauthorized,
            "ArcimotoPermissionError");
        IsOldError(await SendAsync(client, HttpMethod.Post, "am/v1/authorities", outsider, """{"description": "Outside"}"""), HttpStatusCode.Unauthorized,
            "ArcimotoPermissionError");
        var reader = await ApiClient.TokenAsync(client, await ApiClient.CreateCredentialAsync(portal, "Old reader", "support"));
        IsOldError(await SendAsync(client, HttpMethod.Post, "am/v1/authorities", reader, """{"description": "Reader's"}"""), HttpStatusCode.Unauthorized,
            "ArcimotoPermissionError", "Unauthorized");
        IsGatewayRefusal(await SendAsync(client, HttpMethod.Post, "am/v1/authorities", null, """{"description": "Anonymous"}"""));

        Assert.Equal(count, await AuthorityCountAsync());
        Assert.False(await ControlsAsync(Authority.RootId, vin));
    }
}
