using System.Text.Json;
using Make = System.Func<Arc.Portal.Tests.Integration.Api.Contract.ContractPortal,
    System.Threading.Tasks.Task<Arc.Portal.Tests.Integration.Api.Contract.ContractRequest>>;

namespace Arc.Portal.Tests.Integration.Api.Contract;

/// <summary>What the resource cases share: building their requests, and setting up what a request needs through the API.</summary>
public static partial class ContractCases
{
    /// <summary>An entity tag no row ever has (PostgreSQL hands out transaction ids from 3), so an If-Match with it is stale.</summary>
    private const string StaleTag = "\"1\"";

    private const string MalformedTag = "W/\"x\"";

    private const string StillRunning = "ProvisioningApiTests.Two_requests_with_one_key_at_once_provision_once_and_both_get_the_answer "
        + "(the shared Idempotency filter: a copy of a request whose first copy still runs after 30 s is 409)";

    private const string SavedAtOnce = "ProblemDetailsTests.Each_domain_error_is_answered_with_its_status_as_problem_details: two saves of the "
        + "same thing at one moment break a unique key, which the data layer answers as that 409 conflict";

    /// <summary>The 409 of an update that honours If-Match: without the header, someone saving between its read and its write.</summary>
    private static string SavedMeanwhile(string test) =>
        test + " (the use case's refusal of a stale version, answered 409 when the call sent no If-Match)";

    /// <summary>A request as the contract's credential, with a JSON body, an If-Match and an Idempotency-Key when given.</summary>
    private static ContractRequest Call(string method, string path, string? json = null, string? ifMatch = null, string? key = null)
    {
        var headers = new Dictionary<string, string>();
        if (ifMatch is not null)
            headers["If-Match"] = ifMatch;
        if (key is not null)
            headers["Idempotency-Key"] = key;
        return new ContractRequest(new HttpMethod(method), path, Json: json, Headers: headers);
    }

    /// <summary>A create sent under a fresh Idempotency-Key.</summary>
    private static ContractRequest Create(string path, string json) => Call("POST", path, json, key: Guid.NewGuid().ToString());

    private static Make Ready(string method, string path, string? json = null, string? ifMatch = null) =>
        _ => Task.FromResult(Call(method, path, json, ifMatch));

    private static Dictionary<int, Make> Errors(params (int Status, Make Make)[] errors) => errors.ToDictionary(e => e.Status, e => e.Make);

    private static Dictionary<int, string> Shown(params (int Status, string Test)[] tests) => tests.ToDictionary(t => t.Status, t => t.Test);

    /// <summary>
    /// A successful request sent with an Idempotency-Key, then (the request returned) the same key with another body: a 422.
    /// The first must succeed, since a refusal thrown by the use case gives its key up.
    /// </summary>
    private static Make KeyReused(Make success, string otherJson) => async portal =>
    {
        var request = await success(portal);
        var headers = new Dictionary<string, string>(request.Headers ?? new Dictionary<string, string>()) { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        request = request with { Headers = headers };
        using var first = await portal.SendAsync(request);
        if (!first.IsSuccessStatusCode)
            throw new InvalidOperationException($"Setting up a reused key, {request.Path} answered {(int)first.StatusCode}: {await first.Content.ReadAsStringAsync()}");
        return request with { Json = otherJson, Content = null };
    };

    /// <summary>Sends a request a case needs done first, as the contract's credential; its answer's body and ETag.</summary>
    private static async Task<(JsonElement Body, string? ETag)> SetUpAsync(ContractPortal portal, string method, string path, string? json = null)
    {
        using var response = await portal.SendAsync(Call(method, path, json));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Setting up a contract case, {method} {path} answered {(int)response.StatusCode}: {text}");
        return (text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response.Headers.ETag?.ToString());
    }

    /// <summary>The current ETag of a resource, read with a GET.</summary>
    private static async Task<string> ETagAsync(ContractPortal portal, string path) =>
        (await SetUpAsync(portal, "GET", path)).ETag ?? throw new InvalidOperationException($"{path} gave no ETag.");

    private static string Unique(string what) => what + " " + Guid.NewGuid().ToString("N")[..10];

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
