using System.Net;
using System.Text.Json;
using Arc.Domain.Recalls;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using static Arc.Portal.Tests.Integration.Api.OldRouteClient;

namespace Arc.Portal.Tests.Integration.Api;

/// <summary>
/// The old API Gateway routes kept on the real portal: each request shaped as the old client sent it gets the old answer's
/// field names (spec/backend.md Appendix B), and a refused or unknown request the old error shape (§0.6).
/// </summary>
public sealed class OldRoutesTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static int _serial = 80_000;
    private string? _admin;

    private HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = portal.BaseAddress };

    /// <summary>An administrator's credential that acts for the root authority, as the old factory client's account did.</summary>
    private async Task<string> AdminTokenAsync(HttpClient client)
    {
        if (_admin is not null)
            return _admin;
        var credential = await ApiClient.CreateCredentialAsync(portal, "Old client", "all");
        await portal.AddAuthorityMemberAsync("credential:" + credential.ClientId, 1);
        return _admin = await ApiClient.TokenAsync(client, credential);
    }

    [Fact]
    public async Task The_authority_manager_routes_answer_the_old_authority_and_vehicle_shapes()
    {
        using var client = Client();
        var token = await AdminTokenAsync(client);

        var list = await GetAsync(client, "am/v1/authorities", token);
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.All(list.Body.EnumerateArray(), a => HasFields(a, "id", "parent_id", "description"));
        var withVins = await GetAsync(client, "am/v1/authorities?include_vin=true", token);
        var root = withVins.Body.EnumerateArray().Single(a => a.GetProperty("id").GetInt32() == 1);
        HasFields(root, "id", "parent_id", "description", "vins");
        Assert.Contains(DemoVins.First, root.GetProperty("vins").EnumerateArray().Select(v => v.GetString()));

        var one = await GetAsync(client, "am/v1/authorities/1", token);
        HasFields(one.Body, "parent", "description", "children", "vehicles");
        Assert.All(one.Body.GetProperty("children").EnumerateArray(), c => HasFields(c, "id", "description"));
        Assert.Contains(DemoVins.First, one.Body.GetProperty("vehicles").EnumerateArray().Select(v => v.GetString()));

        var vehicles = await GetAsync(client, $"am/v1/vehicles?vin={DemoVins.FirstBare[^6..]}", token);
        var vehicle = Assert.Single(vehicles.Body.EnumerateArray(), v => v.GetProperty("vin").GetString() == DemoVins.First);
        HasFields(vehicle, "vin", "authorities");
        Assert.Contains(1, vehicle.GetProperty("authorities").EnumerateArray().Select(a => a.GetInt32()));

        var authkey = await GetAsync(client, $"am/v1/vehicles/{DemoVins.First}", token);
        HasFields(authkey.Body, "authorities", "pin");
        HasFields(authkey.Body.GetProperty("pin"), "factory_pin");
        Assert.All(authkey.Body.GetProperty("authorities").EnumerateArray(), a => HasFields(a, "id", "description"));

        IsOldError(await GetAsync(client, "am/v1/authorities/abc", token), HttpStatusCode.BadRequest, "ArcimotoArgumentError", "Input validation failed");
        IsOldError(await GetAsync(client, "am/v1/authorities/999999", token), HttpStatusCode.NotFound, "ArcimotoNotFoundError");
        IsOldError(await GetAsync(client, "am/v1/vehicles/not-a-vin", token), HttpStatusCode.BadRequest, "ArcimotoArgumentError");
    }

    [Fact]
    public async Task The_old_provisioning_put_provisions_through_the_runner_and_answers_the_old_provision_result()
    {
        using var client = Client();
        var token = await AdminTokenAsync(client);
        var vin = "DEV-" + DemoData.MakeVin('T', 'P', Interlocked.Increment(ref _serial));
        const string body = """{"model_release_id": 3, "options": {"heated_seats": true, "heated_grips": false, "stereo_enabled": true}, "managed_session_mode": false, "id": 7}""";

        var provisioned = await SendAsync(client, HttpMethod.Put, $"am/v1/vehicles/{vin}", token, body);
        Assert.True(provisioned.Status == HttpStatusCode.OK, provisioned.Body.ToString());
        HasFields(provisioned.Body, "vin", "id", "group_id", "options", "managed_session_mode", "model_release_id", "certificate", "private_key",
            "telemetry_points", "pin");
        HasFields(provisioned.Body.GetProperty("options"), "heated_seats", "heated_grips", "stereo_enabled");
        Assert.Equal((vin, 1, 1, 3), (provisioned.Body.GetProperty("vin").GetString(), provisioned.Body.GetProperty("id").GetInt32(),
            provisioned.Body.GetProperty("group_id").GetInt32(), provisioned.Body.GetProperty("model_release_id").GetInt32()));
        Assert.Contains("BEGIN CERTIFICATE", provisioned.Body.GetProperty("certificate").GetString(), StringComparison.Ordinal);
        Assert.Contains("PRIVATE KEY", provisioned.Body.GetProperty("private_key").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(provisioned.Body.GetProperty("pin").GetString()));
        Assert.True(provisioned.Body.GetProperty("options").GetProperty("stereo_enabled").GetBoolean());

        // The identity was handed out in the answer: nothing waits sealed for pickup.
        var pickup = await GetAsync(client, $"api/v1/vehicles/{vin}/identity", token);
        Assert.Equal(HttpStatusCode.Conflict, pickup.Status);

        var missing = await SendAsync(client, HttpMethod.Put, $"am/v1/vehicles/{vin}", token, """{"options": {}}""");
        IsOldError(missing, HttpStatusCode.BadRequest, "ArcimotoArgumentError", "model_release_id");
        var wrongType = await SendAsync(client, HttpMethod.Put, $"am/v1/vehicles/{vin}", token, """{"model_release_id": "three"}""");
        IsOldError(wrongType, HttpStatusCode.BadRequest, "ArcimotoArgumentError");
        var malformed = await SendAsync(client, HttpMethod.Put, $"am/v1/vehicles/{vin}", token, """{"model_release_id": 3""");
        IsOldError(malformed, HttpStatusCode.BadRequest, "ArcimotoArgumentError");

        var reader = await ApiClient.TokenAsync(client, await ApiClient.CreateCredentialAsync(portal, "Reader", "support"));
        IsOldError(await SendAsync(client, HttpMethod.Put, $"am/v1/vehicles/{vin}", reader, body), HttpStatusCode.Unauthorized, "ArcimotoPermissionError", "Unauthorized");
    }

    [Fact]
    public async Task Without_a_valid_token_the_old_routes_answer_the_gateways_unauthorized_message()
    {
        using var client = Client();
        IsGatewayRefusal(await GetAsync(client, "am/v1/authorities", null));
        IsGatewayRefusal(await GetAsync(client, "vm/v1/vehicles", null));
        IsGatewayRefusal(await GetAsync(client, $"vm/v1/vehicles/{DemoVins.First}", "not-a-token"));
    }

    [Fact]
    public async Task The_vehicle_manager_routes_answer_vehicles_groups_models_and_firmware_in_the_old_shapes()
    {
        using var client = Client();
        var token = await AdminTokenAsync(client);

        var all = await GetAsync(client, "vm/v1/vehicles", token);
        HasFields(all.Body, "vehicles");
        Assert.Contains(DemoVins.First, all.Body.GetProperty("vehicles").EnumerateArray().Select(v => v.GetProperty("vin").GetString()));
        Assert.All(all.Body.GetProperty("vehicles").EnumerateArray(), v => HasFields(v, "vin"));
        var byBody = await SendAsync(client, HttpMethod.Get, "vm/v1/vehicles", token, """{"filter_args": {"group_id": 1}}""");
        Assert.Contains(DemoVins.First, byBody.Body.GetProperty("vehicles").EnumerateArray().Select(v => v.GetProperty("vin").GetString()));
        IsOldError(await GetAsync(client, "vm/v1/vehicles?group_id=999999", token), HttpStatusCode.NotFound, "ArcimotoNotFoundError");
        IsOldError(await SendAsync(client, HttpMethod.Get, "vm/v1/vehicles", token, """{"filter_args": {"group_id": "x"}}"""),
            HttpStatusCode.BadRequest, "ArcimotoArgumentError", "group_id");

        var vehicle = await GetAsync(client, $"vm/v1/vehicles/{DemoVins.First}", token);
        HasFields(vehicle.Body, "vin", "allows_governor", "model_release_id", "groups", "registration", "firmware_versions", "parts", "model");
        Assert.Contains(1, vehicle.Body.GetProperty("groups").EnumerateArray().Select(g => g.GetInt32()));
        Assert.All(vehicle.Body.GetProperty("parts").EnumerateArray(), p => HasFields(p, "part_type", "part_number", "installed"));
        IsOldError(await GetAsync(client, "vm/v1/vehicles/DEV-" + DemoData.MakeVin('T', 'X', 99_999), token), HttpStatusCode.NotFound, "ArcimotoNotFoundError");
        IsOldError(await GetAsync(client, "vm/v1/vehicles/%3Cscript%3E", token), HttpStatusCode.BadRequest, "ArcimotoArgumentError");

        var groups = await GetAsync(client, "vm/v1/groups", token);
        Assert.All(groups.Body.EnumerateArray(), g => HasFields(g, "id", "name", "location_code", "code", "description"));
        var maker = await GetAsync(client, "vm/v1/groups/1", token);
        HasFields(maker.Body, "name", "code", "description", "vehicles", "users", "type", "location");
        Assert.Contains(DemoVins.First, maker.Body.GetProperty("vehicles").EnumerateArray().Select(v => v.GetString()));
        IsOldError(await GetAsync(client, "vm/v1/groups/999999", token), HttpStatusCode.NotFound, "ArcimotoNotFoundError");
        IsOldError(await GetAsync(client, "vm/v1/groups/0", token), HttpStatusCode.BadRequest, "ArcimotoArgumentError", "Invalid group_id");

        var models = await GetAsync(client, "vm/v1/vehicles/models", token);
        HasFields(models.Body, "models");
        Assert.All(models.Body.GetProperty("models").EnumerateArray(), m => HasFields(m, "id", "model_name", "letter_code", "description", "created"));
        var releases = await GetAsync(client, "vm/v1/vehicles/model-releases", token);
        HasFields(releases.Body, "model_releases");
        var release = releases.Body.GetProperty("model_releases")[0];
        HasFields(release, "model_release_id", "model_release_description", "created", "model_name", "parts");
        Assert.All(release.GetProperty("parts").EnumerateArray(), p => HasFields(p, "part_type", "part_number"));
        IsOldError(await GetAsync(client, "vm/v1/vehicles/model-releases?model_id=x", token), HttpStatusCode.BadRequest, "ArcimotoArgumentError");

        var components = await GetAsync(client, "vm/v1/vehicles/firmware/components", token);
        HasFields(components.Body, "firmware_components");
        Assert.All(components.Body.GetProperty("firmware_components").EnumerateArray(), c => HasFields(c, "part_type", "firmware_component", "created"));
        var current = await GetAsync(client, "vm/v1/vehicles/firmware/version", token);
        HasFields(current.Body, "firmware");
        var installed = await GetAsync(client, $"vm/v1/vehicles/{DemoVins.First}/firmware/version", token);
        Assert.Equal((HttpStatusCode.OK, JsonValueKind.Object), (installed.Status, installed.Body.ValueKind));
    }

    [Fact]
    public async Task The_recall_routes_create_and_read_recalls_in_the_old_shapes()
    {
        using var client = Client();
        var token = await AdminTokenAsync(client);
        var number = await RecallTestData.FreeNumberAsync(portal);
        var body = $$"""{"title": "Brake line fitting", "description": "A fitting may loosen.", "nhtsa_number": "{{number}}", "mfr_campaign_id": "ARC-9", "country": "USA", "safety_recall": true, "safety_description": "Loss of braking.", "date": "2024-01-02"}""";

        var created = await SendAsync(client, HttpMethod.Put, "vm/v1/recalls", token, body);
        Assert.True(created.Status == HttpStatusCode.OK, created.Body.ToString());
        HasFields(created.Body, "id", "mfr_campaign_id", "country", "title", "description", "nhtsa_number", "date", "remedy_id", "safety_recall",
            "safety_description", "status");
        var id = created.Body.GetProperty("id").GetInt32();
        Assert.Equal(("active", number), (created.Body.GetProperty("status").GetString(), created.Body.GetProperty("nhtsa_number").GetString()));
        IsOldError(await SendAsync(client, HttpMethod.Put, "vm/v1/recalls", token, body), HttpStatusCode.BadRequest, "ArcimotoArgumentError", "exists already");
        IsOldError(await SendAsync(client, HttpMethod.Put, "vm/v1/recalls", token, """{"title": "No flag"}"""), HttpStatusCode.BadRequest,
            "ArcimotoArgumentError", "safety_recall");
        IsOldError(await SendAsync(client, HttpMethod.Put, "vm/v1/recalls", token, "title=x", "application/x-www-form-urlencoded"), HttpStatusCode.BadRequest,
            "ArcimotoArgumentError", "application/json");

        var vins = await RecallTestData.AddVehiclesAsync(portal, 1);
        await RecallTestData.AddToRecallAsync(portal, id, vins);
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            await scope.ServiceProvider.GetRequiredService<CreateRemedy>().HandleAsync(id, "Replace the fitting.", RemedyType.DealerRepair);

        var list = await GetAsync(client, "vm/v1/recalls", token);
        HasFields(list.Body, "recalls");
        var listed = Assert.Single(list.Body.GetProperty("recalls").EnumerateArray(), r => r.GetProperty("recall_id").GetInt32() == id);
        HasFields(listed, "recall_id", "mfr_campaign_id", "country", "title", "description", "nhtsa_number", "date", "remedy_id", "safety_recall",
            "safety_description", "status");

        var one = await GetAsync(client, $"vm/v1/recalls/{id}", token);
        HasFields(one.Body, "recall_id", "mfr_campaign_id", "country", "title", "description", "nhtsa_number", "date", "remedy_id", "safety_recall",
            "safety_description", "status", "remedy", "vehicles");
        HasFields(one.Body.GetProperty("remedy"), "id", "date", "description");
        var entry = Assert.Single(one.Body.GetProperty("vehicles").EnumerateArray());
        HasFields(entry, "id", "recall_id", "service_date", "service_reference", "vin");
        IsOldError(await GetAsync(client, "vm/v1/recalls/999999", token), HttpStatusCode.NotFound, "ArcimotoNotFoundError");

        var inRecall = await GetAsync(client, $"vm/v1/recalls/{id}/vehicles/{vins[0]}", token);
        HasFields(inRecall.Body, "vehicle_recall_id", "recall_id", "service_date", "service_reference", "vin");
        IsOldError(await GetAsync(client, $"vm/v1/recalls/{id}/vehicles/{DemoVins.First}", token), HttpStatusCode.NotFound, "ArcimotoNotFoundError");

        var ofVehicle = await GetAsync(client, $"vm/v1/vehicles/{vins[0]}/recalls", token);
        HasFields(ofVehicle.Body, "vehicle_recalls");
        var mine = Assert.Single(ofVehicle.Body.GetProperty("vehicle_recalls").EnumerateArray());
        HasFields(mine, "vehicle_recall_id", "recall_id", "service_date", "service_reference", "vin", "recall");
        Assert.Equal(id, mine.GetProperty("recall").GetProperty("recall_id").GetInt32());

        foreach (var which in new[] { "initial", "updated" })
            HasFields((await GetAsync(client, $"vm/v1/recalls/date/{which}", token)).Body, "value");

        var noRecalls = await ApiClient.TokenAsync(client, await ApiClient.CreateCredentialAsync(portal, "Accounting", "fleets_admin"));
        IsOldError(await GetAsync(client, "vm/v1/recalls", noRecalls), HttpStatusCode.Unauthorized, "ArcimotoPermissionError", "Unauthorized");
    }

    [Fact]
    public async Task Oversized_bodies_are_refused_with_413_on_the_old_routes_and_the_api()
    {
        using var client = Client();
        var token = await AdminTokenAsync(client);
        var huge = "{\"title\": \"" + new string('x', 1_100_000) + "\"}";
        var old = await SendAsync(client, HttpMethod.Put, "vm/v1/recalls", token, huge);
        IsOldError(old, HttpStatusCode.RequestEntityTooLarge, "ArcimotoArgumentError", "at most");

        using var other = Client();
        var api = await SendAsync(other, HttpMethod.Put, $"api/v1/vehicles/{DemoVins.First}", token, huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, api.Status);
        Assert.Equal(413, api.Body.GetProperty("status").GetInt32());
    }
}
