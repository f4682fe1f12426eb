using Arc.Domain.Fleets;
using Arc.Domain.Provisioning;
using Arc.Domain.Recalls;
using Arc.Domain.Telemetry;
using Arc.Domain.Tsbs;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration.Api.Contract;

/// <summary>
/// How to call one operation of the document successfully (<see cref="Success"/>), and how to provoke those of its
/// documented errors that the contract test cannot derive from the successful request by itself (<see cref="Errors"/>).
/// A documented answer that is exercised by another test instead names that test in <see cref="Elsewhere"/>.
/// </summary>
public sealed record ContractCase(Func<ContractPortal, Task<ContractRequest>>? Success,
    IReadOnlyDictionary<int, Func<ContractPortal, Task<ContractRequest>>>? Errors = null,
    IReadOnlyDictionary<int, string>? Elsewhere = null);

/// <summary>The contract case of every operation in the OpenAPI document, by operation id.</summary>
public static partial class ContractCases
{
    private const string ProvisionBody = """{"modelReleaseId": 3, "options": {"heatedSeats": true}}""";

    /// <summary>Answers no single operation can be made to give on demand, and the tests that show them.</summary>
    public static readonly IReadOnlyDictionary<int, string> Everywhere = new Dictionary<int, string>
    {
        [429] = "ApiRateLimitTests, RecallLookupTests and FleetStatisticsTests exhaust the limits of the API, the lookup and the statistics",
        [500] = "ProblemDetailsTests.Each_domain_error_is_answered_with_its_status_as_problem_details: one mapping for every endpoint marked WithDomainProblems",
        [503] = "ProblemDetailsTests.Each_domain_error_is_answered_with_its_status_as_problem_details: one mapping for every endpoint marked WithDomainProblems",
    };

    /// <summary>Every case: this file's, and those of the API's resources, one file each.</summary>
    public static IReadOnlyDictionary<string, ContractCase> All { get; } = Merge(PortalCases(), AuthorityCases(), TelemetryCases(), FleetCases(),
        FleetMemberAndSettingCases(), RecallCases(), RecallVehicleCases(), UserCases(), GroupCases(), FirmwareCases());

    private static Dictionary<string, ContractCase> PortalCases() => new()
    {
        ["ListVehicles"] = new(_ => Task.FromResult(ContractRequest.Get("api/v1/vehicles?pageSize=5&sort=created&desc=true")),
            Errors: new Dictionary<int, Func<ContractPortal, Task<ContractRequest>>>
            {
                [400] = _ => Task.FromResult(ContractRequest.Get("api/v1/vehicles?pageSize=many")),
            }),
        ["GetVehicle"] = new(_ => Task.FromResult(ContractRequest.Get($"api/v1/vehicles/{DemoVins.First}"))),
        ["ProvisionVehicle"] = new(_ => Task.FromResult(Provision(ContractPortal.NewVin())),
            Errors: new Dictionary<int, Func<ContractPortal, Task<ContractRequest>>>
            {
                [400] = _ => Task.FromResult(Provision(ContractPortal.NewVin(), """{"modelReleaseId": "three"}""")),
                [404] = _ => Task.FromResult(Provision(ContractPortal.NewVin(), """{"modelReleaseId": 987654}""")),
            },
            Elsewhere: new Dictionary<int, string>
            {
                [409] = "ProvisioningApiTests (a retry while the first run still runs)",
                [415] = "ProvisioningApiTests (a plain-text body)",
                [422] = "ProvisioningApiTests (the same key with another body)",
                [503] = "ProvisioningApiTests (a step that fails is undone and answered 503)",
            }),
        ["UnprovisionVehicle"] = new(async portal =>
        {
            var vin = ContractPortal.NewVin();
            using var provisioned = await portal.SendAsync(Provision(vin));
            provisioned.EnsureSuccessStatusCode();
            return new ContractRequest(HttpMethod.Delete, $"api/v1/vehicles/{vin}");
        }),
        ["CollectVehicleIdentity"] = new(async portal =>
        {
            var vin = ContractPortal.NewVin();
            using var provisioned = await portal.SendAsync(Provision(vin));
            provisioned.EnsureSuccessStatusCode();
            return ContractRequest.Get($"api/v1/vehicles/{vin}/identity");
        }, Elsewhere: new Dictionary<int, string> { [409] = "ProvisioningApiTests (a second collection is refused)" }),

        ["GetPublicRecalls"] = new(_ => Task.FromResult(ContractRequest.Get($"recalls/v1/vin/{DemoVins.FirstBare}", Caller.Anonymous))),
        ["GetRecallDataInitial"] = new(_ => Task.FromResult(ContractRequest.Get("recalls/v1/date/initial", Caller.Anonymous))),
        ["GetRecallDataUpdated"] = new(_ => Task.FromResult(ContractRequest.Get("recalls/v1/date/updated", Caller.Anonymous))),
        ["GetFleetStatistics"] = new(_ => Task.FromResult(ContractRequest.Get("statistics/v1", Caller.Anonymous)),
            Errors: new Dictionary<int, Func<ContractPortal, Task<ContractRequest>>>
            {
                [400] = _ => Task.FromResult(ContractRequest.Get("statistics/v1?fleet_name=" + new string('x', 300), Caller.Anonymous)),
                [404] = _ => Task.FromResult(ContractRequest.Get("statistics/v1?fleet_name=No%20such%20fleet", Caller.Anonymous)),
            }),
        ["Health"] = new(_ => Task.FromResult(ContractRequest.Get("health", Caller.Anonymous))),

        ["DownloadBulkProvisioningTemplate"] = new(_ => Task.FromResult(ContractRequest.Get(
            "vehicles/provision/bulk/" + GetBulkProvisioningTemplate.FileName, Caller.Staff))),
        ["ExportRecallQuarterlyReports"] = new(async portal =>
        {
            var (id, _) = await RecallTestData.CreateAsync(portal.Portal, "Contract recall " + Guid.NewGuid().ToString("N")[..8], RemedyType.DealerRepair);
            return ContractRequest.Get($"recalls/{id}/quarterly-reports.csv", Caller.Staff);
        }),
        ["DownloadVehicleTripsCsv"] = new(_ => Task.FromResult(ContractRequest.Get($"vehicles/{DemoVins.First}/trips.csv?{Range}", Caller.Staff))),
        ["DownloadVehicleTripsGpx"] = new(_ => Task.FromResult(ContractRequest.Get($"vehicles/{DemoVins.First}/trips.gpx?{Range}", Caller.Staff))),
        ["DownloadFleetTripsCsv"] = new(_ => Task.FromResult(ContractRequest.Get($"fleets/1/trips.csv?{Range}", Caller.Staff)),
            Errors: new Dictionary<int, Func<ContractPortal, Task<ContractRequest>>>
            {
                [400] = _ => Task.FromResult(ContractRequest.Get("fleets/1/trips.csv?from=yesterday&to=today", Caller.Staff)),
            }),
        ["DownloadTsbAttachment"] = new(async portal =>
        {
            var (first, _) = await TsbTestData.ModelsAsync(portal.Portal);
            var id = await TsbTestData.CreateAsync(portal.Portal, TsbTestData.Draft(first.Model));
            await using var admin = await portal.Portal.AsUserAsync(await portal.Portal.AdminUsernameAsync());
            var file = await admin.ServiceProvider.GetRequiredService<AddTsbAttachment>().HandleAsync(id, "Contract.pdf", TsbTestData.Pdf("contract"));
            return ContractRequest.Get($"tsbs/{id}/files/{file}", Caller.Staff);
        }, Elsewhere: new Dictionary<int, string> { [403] = "TsbTests.The_download_answers_a_reader_with_the_pdf_as_an_attachment_and_refuses_everyone_else" }),
        ["DownloadTelemetryExport"] = new(async portal =>
        {
            await using var admin = await portal.Portal.AsUserAsync(await portal.Portal.AdminUsernameAsync());
            var now = DateTimeOffset.UtcNow;
            var queued = await admin.ServiceProvider.GetRequiredService<RequestTelemetryExport>().HandleAsync(DemoVins.First, ["speed"], now.AddHours(-1), now);
            var list = admin.ServiceProvider.GetRequiredService<ListTelemetryExports>();
            await Eventually.ReturnsAsync(async () => (await list.HandleAsync(DemoVins.First)).Single(e => e.Id == queued.Id),
                e => e.Ready, TimeSpan.FromSeconds(30), "the contract's export finishing");
            return ContractRequest.Get($"telemetry/exports/{queued.Id}.csv.gz", Caller.Staff);
        }, Elsewhere: new Dictionary<int, string>
        {
            [403] = "TelemetryQueryTests: another user's export is not theirs to download",
            [409] = "TelemetryExportTests: an export not yet ready is refused",
        }),
        ["DownloadBulkIdentities"] = new(null,
            Errors: new Dictionary<int, Func<ContractPortal, Task<ContractRequest>>>
            {
                [404] = _ => Task.FromResult(ContractRequest.Get("vehicles/provision/bulk/987654321/identities.zip", Caller.Staff)),
                [302] = _ => Task.FromResult(ContractRequest.Get("vehicles/provision/bulk/1/identities.zip", Caller.Anonymous)),
            },
            Elsewhere: new Dictionary<int, string>
            {
                [200] = "ProvisioningBrowserTests.A_file_of_fifty_vins_with_three_bad_rows_is_checked_confirmed_provisioned_and_its_identities_downloaded",
                [403] = "AuthorizationMatrixTests (DownloadBulkIdentities needs vehicles.vehicle.provision)",
                [409] = "BulkProvisioningTests: the archive of an unfinished or expired job is refused",
            }),
        ["DownloadInsurerExport"] = new(null,
            Errors: new Dictionary<int, Func<ContractPortal, Task<ContractRequest>>>
            {
                [404] = _ => Task.FromResult(ContractRequest.Get("fleets/insurer-exports/987654321/file", Caller.Staff)),
                [302] = _ => Task.FromResult(ContractRequest.Get("fleets/insurer-exports/1/file", Caller.Anonymous)),
            },
            Elsewhere: new Dictionary<int, string>
            {
                [200] = "InsurerExportBrowserTests.An_administrator_produces_a_months_export_and_downloads_it",
                [403] = "AuthorizationMatrixTests (DownloadInsurerExport needs fleets.insurer_export.read)",
                [409] = "InsurerExportOutageTests: a failed export has no file to download",
            }),
        ["ExternalSignIn"] = new(null,
            Errors: new Dictionary<int, Func<ContractPortal, Task<ContractRequest>>>
            {
                [404] = _ => Task.FromResult(ContractRequest.Get("account/external", Caller.Anonymous)),
            },
            Elsewhere: new Dictionary<int, string> { [302] = "ExternalSignInTests.A_portal_user_signs_in_through_the_openid_provider" }),
        ["SignOut"] = new(null, Elsewhere: new Dictionary<int, string>
        {
            [302] = "SessionBrowserTests.A_copied_session_cookie_is_refused_after_sign_out (signs out through the form)",
            [400] = "HttpSurfaceTests.Form_posts_without_an_antiforgery_token_are_refused",
        }),
        ["RecordActivity"] = new(_ => Task.FromResult(Activity(Caller.Staff)),
            Errors: new Dictionary<int, Func<ContractPortal, Task<ContractRequest>>> { [401] = _ => Task.FromResult(Activity(Caller.Anonymous)) }),
    };

    private static Dictionary<string, ContractCase> Merge(params Dictionary<string, ContractCase>[] parts)
    {
        var all = new Dictionary<string, ContractCase>(StringComparer.Ordinal);
        foreach (var (id, contract) in parts.SelectMany(p => p))
            all.Add(id, contract);
        return all;
    }

    /// <summary>
    /// The case of an operation: its own (every operation under <c>/api/v1</c> and every other current route has one), else,
    /// for an old route, the note that <c>OldRoutesTests</c> shows its answers; else none, which fails the contract.
    /// </summary>
    public static ContractCase? For(string operationId, ApiOperation operation)
    {
        if (All.TryGetValue(operationId, out var own))
            return own;
        if (operation.Path.StartsWith("/am/", StringComparison.Ordinal) || operation.Path.StartsWith("/vm/", StringComparison.Ordinal))
            return new ContractCase(null, Elsewhere: operation.Responses.Keys.ToDictionary(s => s, _ => "OldRoutesTests and the Old*WriteRoutesTests (the old field names and error shapes)"));
        return null;
    }

    private const string Range = "from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z";

    private static ContractRequest Activity(Caller caller) =>
        new(HttpMethod.Post, "account/activity", caller, Headers: new Dictionary<string, string> { ["X-Arc-Activity"] = "1" });

    private static ContractRequest Provision(string vin, string body = ProvisionBody) =>
        new(HttpMethod.Put, $"api/v1/vehicles/{vin}", Json: body, Headers: new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() });
}
