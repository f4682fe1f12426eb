using System.Net;
using System.Text.Json;
using Arc.Portal.Tests.Support;
using static Arc.Portal.Tests.Integration.Api.OldRouteClient;

namespace Arc.Portal.Tests.Integration.Api;

/// <summary>
/// The old recall writes on the real portal: editing and deleting a recall, its remedy by the old remedy id, and its
/// vehicles (add, record the service, remove), each sent as the old client sent it and answered in the old field names; a
/// bad or refused request gets the old error shape and changes nothing.
/// </summary>
public sealed class OldRecallWriteRoutesTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly string[] RecallFields =
        ["recall_id", "mfr_campaign_id", "country", "title", "description", "nhtsa_number", "date", "remedy_id", "safety_recall", "safety_description", "status"];

    private static readonly string[] EntryFields = ["vehicle_recall_id", "recall_id", "service_date", "service_reference", "vin"];

    private string? _admin;
    private string? _reader;

    private HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = portal.BaseAddress };

    private async Task<(string Admin, string Reader)> TokensAsync(HttpClient client)
    {
        _admin ??= await ApiClient.TokenAsync(client, await ApiClient.CreateCredentialAsync(portal, "Old recall tool", "recall_admin"));
        _reader ??= await ApiClient.TokenAsync(client, await ApiClient.CreateCredentialAsync(portal, "Old reader", "support"));
        return (_admin, _reader);
    }

    private async Task<int> NewRecallAsync(HttpClient client, string token)
    {
        var number = await RecallTestData.FreeNumberAsync(portal);
        var created = await SendAsync(client, HttpMethod.Put, "vm/v1/recalls", token,
            $$"""{"title": "Brake line fitting", "description": "A fitting may loosen.", "nhtsa_number": "{{number}}", "safety_recall": true, "safety_description": "Loss of braking."}""");
        Assert.True(created.Status == HttpStatusCode.OK, created.Body.ToString());
        return created.Body.GetProperty("id").GetInt32();
    }

    private static string Text(JsonElement e, string field) => e.GetProperty(field).ToString();

    [Fact]
    public async Task A_recall_is_edited_given_a_remedy_and_deleted_in_the_old_shapes()
    {
        using var client = Client();
        var (admin, reader) = await TokensAsync(client);
        var id = await NewRecallAsync(client, admin);
        var path = $"vm/v1/recalls/{id}";

        var edited = await SendAsync(client, HttpMethod.Post, path, admin, """{"title": "Brake line fitting, front", "unknown": true}""");
        Assert.True(edited.Status == HttpStatusCode.OK, edited.Body.ToString());
        HasFields(edited.Body, RecallFields);
        Assert.Equal(("Brake line fitting, front", "A fitting may loosen."), (Text(edited.Body, "title"), Text(edited.Body, "description")));
        var notSafety = await SendAsync(client, HttpMethod.Post, path, admin, """{"safety_recall": false}""");
        Assert.Equal(JsonValueKind.Null, notSafety.Body.GetProperty("safety_description").ValueKind);

        IsOldError(await SendAsync(client, HttpMethod.Post, path, admin, "{}"), HttpStatusCode.Forbidden, "ArcimotoArgumentError", "You must supply");
        IsOldError(await SendAsync(client, HttpMethod.Post, path, admin, """{"status": "paused"}"""), HttpStatusCode.BadRequest, "ArcimotoArgumentError",
            "status can only be set to");
        IsOldError(await SendAsync(client, HttpMethod.Post, path, admin, """{"title": "X", "date": "2024-01-01"}"""), HttpStatusCode.BadRequest,
            "ArcimotoArgumentError", "date");
        IsOldError(await SendAsync(client, HttpMethod.Post, path, admin, """{"title": 5}"""), HttpStatusCode.BadRequest, "ArcimotoArgumentError", "title");
        IsOldError(await SendAsync(client, HttpMethod.Post, path, admin, "{\"title\": \"" + new string('x', 5000) + "\"}"), HttpStatusCode.BadRequest,
            "ArcimotoArgumentError", "title");
        IsOldError(await SendAsync(client, HttpMethod.Post, path, reader, """{"title": "Reader's"}"""), HttpStatusCode.Unauthorized, "ArcimotoPermissionError");
        IsOldError(await SendAsync(client, HttpMethod.Post, "vm/v1/recalls/999999", admin, """{"title": "X"}"""), HttpStatusCode.NotFound, "ArcimotoNotFoundError");
        IsOldError(await SendAsync(client, HttpMethod.Post, "vm/v1/recalls/1'--", admin, """{"title": "X"}"""), HttpStatusCode.BadRequest, "ArcimotoArgumentError");
        Assert.Equal("Brake line fitting, front", Text((await GetAsync(client, path, admin)).Body, "title"));

        var remedy = await SendAsync(client, HttpMethod.Put, $"{path}/remedy", admin, """{"description": "Replace the fitting."}""");
        Assert.True(remedy.Status == HttpStatusCode.OK, remedy.Body.ToString());
        HasFields(remedy.Body, "remedy_id", "date", "description");
        var remedyId = remedy.Body.GetProperty("remedy_id").GetInt32();
        IsOldError(await SendAsync(client, HttpMethod.Put, $"{path}/remedy", admin, """{"description": "A second one."}"""), HttpStatusCode.BadRequest,
            "ArcimotoArgumentError", "remedy already");
        IsOldError(await SendAsync(client, HttpMethod.Put, $"{path}/remedy", reader, """{"description": "Reader's."}"""), HttpStatusCode.Unauthorized,
            "ArcimotoPermissionError");

        var list = await GetAsync(client, "vm/v1/recalls/remedies", admin);
        HasFields(list.Body, "remedies");
        HasFields(Assert.Single(list.Body.GetProperty("remedies").EnumerateArray(), r => r.GetProperty("remedy_id").GetInt32() == remedyId),
            "remedy_id", "date", "description");
        var changed = await SendAsync(client, HttpMethod.Post, $"vm/v1/recalls/remedies/{remedyId}", admin, """{"description": "Replace and torque the fitting."}""");
        Assert.Equal("Replace and torque the fitting.", Text(changed.Body, "description"));
        Assert.Equal("Replace and torque the fitting.", Text((await GetAsync(client, $"vm/v1/recalls/remedies/{remedyId}", admin)).Body, "description"));
        Assert.Equal(remedyId, (await GetAsync(client, path, admin)).Body.GetProperty("remedy_id").GetInt32());
        IsOldError(await SendAsync(client, HttpMethod.Post, $"vm/v1/recalls/remedies/{remedyId}", admin, "{}"), HttpStatusCode.Forbidden, "ArcimotoArgumentError");
        IsOldError(await SendAsync(client, HttpMethod.Post, $"vm/v1/recalls/remedies/{remedyId}", admin, """{"description": ""}"""), HttpStatusCode.BadRequest,
            "ArcimotoArgumentError");
        IsOldError(await GetAsync(client, "vm/v1/recalls/remedies/999999", admin), HttpStatusCode.NotFound, "ArcimotoNotFoundError");
        IsOldError(await SendAsync(client, HttpMethod.Delete, $"vm/v1/recalls/remedies/{remedyId}", reader), HttpStatusCode.Unauthorized, "ArcimotoPermissionError");

        var removed = await SendAsync(client, HttpMethod.Delete, $"vm/v1/recalls/remedies/{remedyId}", admin);
        HasFields(removed.Body, "remedy_id");
        IsOldError(await GetAsync(client, $"vm/v1/recalls/remedies/{remedyId}", admin), HttpStatusCode.NotFound, "ArcimotoNotFoundError");

        IsOldError(await SendAsync(client, HttpMethod.Delete, path, reader), HttpStatusCode.Unauthorized, "ArcimotoPermissionError");
        var deleted = await SendAsync(client, HttpMethod.Delete, path, admin);
        HasFields(deleted.Body, "recall_id");
        Assert.Equal(id, deleted.Body.GetProperty("recall_id").GetInt32());
        var all = await GetAsync(client, "vm/v1/recalls?get_deleted_recalls=true", admin);
        Assert.Equal("deleted", Text(all.Body.GetProperty("recalls").EnumerateArray().Single(r => r.GetProperty("recall_id").GetInt32() == id), "status"));
        IsOldError(await SendAsync(client, HttpMethod.Delete, "vm/v1/recalls/999999", admin), HttpStatusCode.NotFound, "ArcimotoNotFoundError");
    }

    [Fact]
    public async Task Vehicles_enter_a_recall_are_serviced_and_leave_it_in_the_old_shapes()
    {
        using var client = Client();
        var (admin, reader) = await TokensAsync(client);
        var id = await NewRecallAsync(client, admin);
        await SendAsync(client, HttpMethod.Put, $"vm/v1/recalls/{id}/remedy", admin, """{"description": "Replace the fitting."}""");
        var vins = await RecallTestData.AddVehiclesAsync(portal, 2);
        string Path(string vin) => $"vm/v1/recalls/{id}/vehicles/{vin}";

        var added = await SendAsync(client, HttpMethod.Put, Path(vins[0]), admin);
        Assert.True(added.Status == HttpStatusCode.OK, added.Body.ToString());
        HasFields(added.Body, EntryFields);
        Assert.Equal((JsonValueKind.Null, vins[0]), (added.Body.GetProperty("service_date").ValueKind, Text(added.Body, "vin")));
        var entryId = added.Body.GetProperty("vehicle_recall_id").GetInt64();
        IsOldError(await SendAsync(client, HttpMethod.Put, Path(vins[0]), admin, "{}"), HttpStatusCode.BadRequest, "ArcimotoArgumentError");
        IsOldError(await SendAsync(client, HttpMethod.Put, Path(vins[1]), admin, """{"service_reference": "WO-1"}"""), HttpStatusCode.BadRequest,
            "ArcimotoArgumentError", "service_reference");
        IsOldError(await SendAsync(client, HttpMethod.Put, Path(vins[1]), reader), HttpStatusCode.Unauthorized, "ArcimotoPermissionError");
        IsOldError(await SendAsync(client, HttpMethod.Put, Path("%3Cimg%20src%3Dx%3E"), admin), HttpStatusCode.BadRequest, "ArcimotoArgumentError");
        IsOldError(await GetAsync(client, Path(vins[1]), admin), HttpStatusCode.NotFound, "ArcimotoNotFoundError");

        IsOldError(await SendAsync(client, HttpMethod.Post, Path(vins[0]), admin, "{}"), HttpStatusCode.Forbidden, "ArcimotoArgumentError", "You must supply");
        foreach (var bad in new[]
            {
                """{"service_reference": "WO-1"}""", """{"service_date": "2024-13-45"}""", """{"service_date": "tomorrow"}""",
                """{"service_date": "2999-01-01"}""", $$"""{"vehicle_recall_id": {{entryId + 1000}}, "service_date": "2024-05-01"}""",
                """{"service_date": 20240501}""",
            })
            IsOldError(await SendAsync(client, HttpMethod.Post, Path(vins[0]), admin, bad), HttpStatusCode.BadRequest, "ArcimotoArgumentError");
        IsOldError(await SendAsync(client, HttpMethod.Post, Path(vins[0]), reader, """{"service_date": "2024-05-01"}"""), HttpStatusCode.Unauthorized,
            "ArcimotoPermissionError");
        Assert.Equal(JsonValueKind.Null, (await GetAsync(client, Path(vins[0]), admin)).Body.GetProperty("service_date").ValueKind);

        var serviced = await SendAsync(client, HttpMethod.Post, Path(vins[0]), admin,
            $$"""{"vehicle_recall_id": {{entryId}}, "service_date": "2024-05-01", "service_reference": "WO-7"}""");
        Assert.True(serviced.Status == HttpStatusCode.OK, serviced.Body.ToString());
        HasFields(serviced.Body, EntryFields);
        Assert.Equal(("2024-05-01", "WO-7"), (Text(serviced.Body, "service_date"), Text(serviced.Body, "service_reference")));
        var reference = await SendAsync(client, HttpMethod.Post, Path(vins[0]), admin, """{"service_reference": "WO-8"}""");
        Assert.Equal(("2024-05-01", "WO-8"), (Text(reference.Body, "service_date"), Text(reference.Body, "service_reference")));

        await SendAsync(client, HttpMethod.Put, Path(vins[1]), admin);
        var today = await SendAsync(client, HttpMethod.Post, Path(vins[1]) + "/service", admin, """{"service_reference": "WO-9"}""");
        Assert.True(today.Status == HttpStatusCode.OK, today.Body.ToString());
        HasFields(today.Body, EntryFields);
        Assert.Equal("WO-9", Text(today.Body, "service_reference"));
        Assert.Equal(JsonValueKind.String, today.Body.GetProperty("service_date").ValueKind);

        IsOldError(await SendAsync(client, HttpMethod.Delete, Path(vins[1]), reader), HttpStatusCode.Unauthorized, "ArcimotoPermissionError");
        var gone = await SendAsync(client, HttpMethod.Delete, Path(vins[1]), admin);
        HasFields(gone.Body, "recall_id", "vin");
        IsOldError(await GetAsync(client, Path(vins[1]), admin), HttpStatusCode.NotFound, "ArcimotoNotFoundError");
        IsOldError(await SendAsync(client, HttpMethod.Delete, Path(vins[1]), admin), HttpStatusCode.NotFound, "ArcimotoNotFoundError");
        Assert.Equal("WO-8", Text((await GetAsync(client, Path(vins[0]), admin)).Body, "service_reference"));
    }
}
