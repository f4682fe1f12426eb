using System.Text.Json;

namespace Arc.Portal.Tests.Integration.Api;

/// <summary>
/// The OpenAPI document describes every resource operation fully: its success and error answers, the bearer scheme,
/// If-Match on the updates that honour it, Idempotency-Key on the creates, ETag on the reads that give one, Server-Timing on
/// every success.
/// </summary>
[Collection(ResourceApiCollection.Name)]
public sealed class ResourceApiOpenApiTests(ResourceApiPortal api)
{
    private static readonly string[] Prefixes =
        ["/api/v1/authorities", "/api/v1/fleets", "/api/v1/recalls", "/api/v1/users", "/api/v1/groups", "/api/v1/vehicles/{vin}/telemetry"];

    /// <summary>The operations with nothing a caller could send malformed (no body, query, header or typed path value): no 400.</summary>
    private static readonly string[] WithoutInput = ["ListGroups", "GetUser", "ResendUserInvitation", "DeleteUser"];

    [Fact]
    public async Task Every_resource_operation_is_named_secured_and_lists_its_answers()
    {
        var document = JsonDocument.Parse(await api.Client.GetStringAsync("openapi/v1.json")).RootElement;
        var operations = document.GetProperty("paths").EnumerateObject()
            .Where(p => Prefixes.Any(prefix => p.Name.StartsWith(prefix, StringComparison.Ordinal)))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Method: o.Name, Operation: o.Value)))
            .ToList();
        Assert.True(operations.Count >= 50, $"only {operations.Count} operations");
        foreach (var (path, method, operation) in operations)
        {
            var where = $"{method} {path}";
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("operationId").GetString()), where);
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), where);
            Assert.True(operation.TryGetProperty("security", out var security) && security[0].TryGetProperty("serviceCredential", out _), where);
            var responses = operation.GetProperty("responses");
            Assert.True(responses.EnumerateObject().Any(r => r.Name is "200" or "201" or "204"), where);
            foreach (var success in responses.EnumerateObject().Where(r => r.Name.StartsWith('2')))
                Assert.True(success.Value.TryGetProperty("headers", out var answered) && answered.TryGetProperty("Server-Timing", out _),
                    $"{where} {success.Name} lacks Server-Timing");
            foreach (var status in new[] { "401", "403", "429", "500" })
                Assert.True(responses.TryGetProperty(status, out _), $"{where} lacks {status}");
            var takesInput = !WithoutInput.Contains(operation.GetProperty("operationId").GetString());
            Assert.True(responses.TryGetProperty("400", out _) == takesInput, $"{where} {(takesInput ? "lacks" : "lists")} 400");
            var headers = operation.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "header").Select(p => p.GetProperty("name").GetString()).ToList()
                : [];
            if (responses.TryGetProperty("412", out _))
                Assert.Contains("If-Match", headers);
            if (method == "post" && responses.TryGetProperty("201", out _))
                Assert.Contains("Idempotency-Key", headers);
        }

        var paths = document.GetProperty("paths");
        var edit = paths.GetProperty("/api/v1/recalls/{id}").GetProperty("put");
        Assert.True(edit.GetProperty("responses").TryGetProperty("412", out _));
        var get = paths.GetProperty("/api/v1/recalls/{id}").GetProperty("get");
        Assert.True(get.GetProperty("responses").GetProperty("200").GetProperty("headers").TryGetProperty("ETag", out _));
        Assert.Contains("integer", get.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "id")
            .GetProperty("schema").GetRawText(), StringComparison.Ordinal);
    }
}
