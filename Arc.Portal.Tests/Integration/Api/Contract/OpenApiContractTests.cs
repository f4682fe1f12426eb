using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;

namespace Arc.Portal.Tests.Integration.Api.Contract;

/// <summary>
/// The OpenAPI document held against the running portal: every HTTP endpoint is in it; every operation in it has a
/// contract case; each operation's success and each documented error is provoked and answers with the documented
/// status and a body of the documented schema (no missing required field, no undocumented field, no wrong type).
/// Errors the case does not spell out are derived from its successful request: 401 without credentials, 403 as a caller
/// of the same kind without permissions, 404 with unknown path values, 400 with a malformed VIN.
/// </summary>
public sealed partial class OpenApiContractTests(ContractPortal fixture) : IClassFixture<ContractPortal>
{
    private static IEnumerable<string> Tested => ContractCases.All.Keys.Concat(ApiPermissionMatrixTests.Operations.Keys).Distinct().Order(StringComparer.Ordinal);

    public static TheoryData<string> OperationIds => new(Tested);

    [Fact]
    public void Every_operation_in_the_document_has_a_contract_case_and_every_case_an_operation()
    {
        var operations = fixture.Document.Operations();
        Assert.Empty(operations.Where(o => ContractCases.For(o.OperationId, o) is null).Select(o => o.ToString()).Order(StringComparer.Ordinal));
        var documented = operations.Select(o => o.OperationId).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(ContractCases.All.Keys.Except(documented).Order(StringComparer.Ordinal));
        // Every operation the theory below does not run is an old route, whose case names OldRoutesTests.
        Assert.All(operations.Where(o => !Tested.Contains(o.OperationId)),
            o => Assert.True(o.Path.StartsWith("/am/", StringComparison.Ordinal) || o.Path.StartsWith("/vm/", StringComparison.Ordinal), o.ToString()));
    }

    [Fact]
    public void Every_http_endpoint_of_the_portal_is_in_the_document()
    {
        var documented = fixture.Document.Operations().Select(o => $"{o.Method} {o.Path}").ToHashSet(StringComparer.Ordinal);
        var endpoints = fixture.Portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(IsHttpEndpoint)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Where(m => m != "HEAD")
                .Select(m => $"{m} /{Constraint().Replace(e.RoutePattern.RawText!.Trim('/'), "{$1}")}"))
            .ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(endpoints);
        Assert.Empty(endpoints.Except(documented).Order(StringComparer.Ordinal));
    }

    /// <summary>The old write routes that read nothing from their body (the path says it all).</summary>
    private static readonly string[] OldWritesWithoutBody = ["OldGrantAuthorityVehicle", "OldAddVehicleToGroup", "OldAddVehicleGroupUser", "OldSetVehicleModelRelease"];

    [Fact]
    public void Every_old_write_route_documents_the_body_it_reads_with_the_old_field_names()
    {
        var writes = fixture.Document.Operations()
            .Where(o => o.Path.StartsWith("/am/", StringComparison.Ordinal) || o.Path.StartsWith("/vm/", StringComparison.Ordinal))
            .Where(o => o.Method is "POST" or "PUT" or "PATCH")
            .ToList();
        Assert.True(writes.Count >= 20, $"only {writes.Count} old write routes");
        Assert.All(writes, o => Assert.True(o.TakesBody != OldWritesWithoutBody.Contains(o.OperationId),
            $"{o} {(o.TakesBody ? "documents a body it does not read" : "does not document the body it reads")}"));

        // The factory line's provisioning call, as Appendix B spells its fields.
        Assert.Equal(["managed_session_mode", "model_release_id", "options"], RequestFields("/am/v1/vehicles/{vin}", "put"));
        Assert.Equal(["date", "description"], RequestFields("/vm/v1/recalls/{recall_id}/remedy", "put"));
    }

    private string[] RequestFields(string path, string method)
    {
        var body = fixture.Document.Root.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("requestBody");
        var schema = fixture.Document.Resolve(body.GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        return schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
    }

    [Theory]
    [MemberData(nameof(OperationIds))]
    public async Task The_operation_answers_its_success_and_its_documented_errors_as_documented(string operationId)
    {
        var operation = fixture.Document.Operations().SingleOrDefault(o => o.OperationId == operationId);
        Assert.True(operation is not null, $"{operationId} has a contract case but is not in the document");
        var contract = ContractCases.For(operationId, operation);
        Assert.True(contract is not null, $"{operation} has no contract case");
        var failures = new List<string>();

        ContractRequest? success = null;
        if (contract.Success is null)
        {
            if (operation.SuccessStatus is { } documented && contract.Elsewhere?.ContainsKey(documented) != true)
                failures.Add($"{documented}: the case has no successful request and names no test that makes one");
        }
        else
        {
            success = await contract.Success(fixture);
            using var response = await fixture.SendAsync(success);
            await CheckAsync(operation, response, expected: null, "success", failures);
        }
        foreach (var status in operation.Responses.Keys.Where(s => s >= 300 && s != operation.SuccessStatus).Order())
        {
            if (contract.Elsewhere?.ContainsKey(status) == true || ContractCases.Everywhere.ContainsKey(status))
                continue;
            if (contract.Errors?.TryGetValue(status, out var make) == true)
            {
                using var explicitResponse = await fixture.SendAsync(await make(fixture));
                await CheckAsync(operation, explicitResponse, status, $"the case's {status}", failures);
                continue;
            }
            using var derived = await DeriveAsync(operation, status, success);
            if (derived is null)
                failures.Add($"{status}: documented, but the case neither provokes it nor names the test that does");
            else
                await CheckAsync(operation, derived, status, $"the derived {status}", failures);
        }
        Assert.True(failures.Count == 0, $"{operation}:\n" + string.Join("\n", failures));
    }

    private async Task<HttpResponseMessage?> DeriveAsync(ApiOperation operation, int status, ContractRequest? success)
    {
        if (success is null)
            return null;
        switch (status)
        {
            case 401 when success.As == Caller.Credential:
            case 302 when success.As == Caller.Staff:
                return await fixture.SendAsync(success, asCaller: Caller.Anonymous);
            case 403 when success.As == Caller.Credential:
                return await fixture.SendAsync(success, permitted: false);
            case 403 when success.As == Caller.Staff:
                // A permission the route itself requires sends a person to the access-denied page (the 302 above); only
                // a refusal by the use case's own rules is a 403, which the case must then provoke.
                var refused = await fixture.SendAsync(success, permitted: false);
                if (refused.StatusCode != HttpStatusCode.Redirect)
                    return refused;
                refused.Dispose();
                return null;
            case 404 when operation.Parameters.Any(p => p.In == "path"):
                return await fixture.SendAsync(success with { Path = ReplacePathValues(operation, success.Path, Unknown) });
            case 400 when operation.Parameters.Any(p => p is { In: "path", Name: "vin" }):
                return await fixture.SendAsync(success with { Path = ReplacePathValues(operation, success.Path, p => p.Name == "vin" ? "NOT-A-VIN!" : null) });
            default:
                return null;
        }
    }

    private static string Unknown(ApiParameter parameter) =>
        parameter.Name == "vin" ? ContractPortal.NewVin()
        : parameter.Schema is { } schema && schema.ToString().Contains("integer", StringComparison.Ordinal) ? "987654321"
        : "no-such-" + parameter.Name;

    /// <summary>The request's path with the named path parameters' values replaced (a null replacement keeps the value).</summary>
    private static string ReplacePathValues(ApiOperation operation, string path, Func<ApiParameter, string?> replace)
    {
        var (pathOnly, query) = path.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? (path[..q], path[q..]) : (path, "");
        var template = operation.Path.TrimStart('/').Split('/');
        var actual = pathOnly.TrimStart('/').Split('/');
        for (var i = 0; i < template.Length && i < actual.Length; i++)
        {
            var match = Placeholder().Match(template[i]);
            if (!match.Success)
                continue;
            var parameter = operation.Parameters.First(p => p.In == "path" && p.Name == match.Groups[2].Value);
            if (replace(parameter) is not { } value)
                continue;
            var prefix = match.Groups[1].Value;
            var suffix = match.Groups[3].Value;
            actual[i] = prefix + Uri.EscapeDataString(value) + suffix;
        }
        return string.Join('/', actual) + query;
    }

    private async Task CheckAsync(ApiOperation operation, HttpResponseMessage response, int? expected, string what, List<string> failures)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        if (expected is { } wanted ? status != wanted : status is < 200 or >= 300)
        {
            failures.Add($"{what}: answered {status} ({Shorten(body)}), expected {expected?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "2xx"}");
            return;
        }
        if (!operation.Responses.TryGetValue(status, out var schema))
        {
            failures.Add($"{what}: answered {status}, which the document does not list");
            return;
        }
        if (status == (int)HttpStatusCode.Redirect && response.Headers.Location?.ToString().Contains("account/", StringComparison.Ordinal) != true)
            failures.Add($"{what}: redirected to {response.Headers.Location}, not to the sign-in or access-denied page");
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        if (status >= 400 && status != (int)HttpStatusCode.Unauthorized && operation.Path.StartsWith("/api/", StringComparison.Ordinal)
            && mediaType != "application/problem+json")
            failures.Add($"{what}: a {status} of the API is {mediaType}, not a problem document");
        if (schema is null || !mediaType.Contains("json", StringComparison.Ordinal) || body.Length == 0)
            return;
        using var json = JsonDocument.Parse(body);
        foreach (var error in new SchemaCheck(fixture.Document).Check(json.RootElement, schema.Value))
            failures.Add($"{what} ({status}): {error}");
    }

    private static bool IsHttpEndpoint(RouteEndpoint endpoint)
    {
        var pattern = endpoint.RoutePattern.RawText?.TrimStart('/') ?? "";
        return endpoint.Metadata.GetMetadata<HttpMethodMetadata>() is not null
            && endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is null
            && !endpoint.Metadata.Any(m => m.GetType().Name.Contains("StaticAsset", StringComparison.Ordinal))
            && !pattern.StartsWith('_')
            && !pattern.StartsWith("openapi", StringComparison.Ordinal)
            && !pattern.StartsWith("test/", StringComparison.Ordinal)
            // The API reference page (Scalar) and its scripts: a page about the document, not an operation of it.
            && !pattern.StartsWith("api/reference", StringComparison.Ordinal)
            // The page router's catch-all, which answers unknown addresses with the not-found page.
            && !pattern.Contains("{**", StringComparison.Ordinal);
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    [GeneratedRegex(@"\{([^}:?]+)[^}]*\}")]
    private static partial Regex Constraint();

    [GeneratedRegex(@"^(.*)\{([^}:?]+)[^}]*\}(.*)$")]
    private static partial Regex Placeholder();
}
