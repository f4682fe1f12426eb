using System.Text.Json;

namespace Arc.Portal.Tests.Integration.Api.Contract;

public sealed record ApiParameter(string Name, string In, bool Required, JsonElement? Schema);

/// <summary>One operation of the OpenAPI document: its address, what it takes, and each answer with its JSON schema.</summary>
public sealed record ApiOperation(string Method, string Path, string OperationId, IReadOnlyList<ApiParameter> Parameters, bool TakesBody,
    IReadOnlyDictionary<int, JsonElement?> Responses, string Tag = "")
{
    public IEnumerable<int> ErrorStatuses => Responses.Keys.Where(s => s >= 400).Order();

    public int? SuccessStatus => Responses.Keys.Where(s => s is >= 200 and < 300).Order().Cast<int?>().FirstOrDefault();

    public override string ToString() => $"{Method} {Path} ({OperationId})";
}

/// <summary>The portal's OpenAPI document as the contract tests read it.</summary>
public sealed class ApiDocument(JsonElement root)
{
    public JsonElement Root { get; } = root;

    public static async Task<ApiDocument> LoadAsync(HttpClient client)
    {
        using var response = await client.GetAsync("openapi/v1.json");
        response.EnsureSuccessStatusCode();
        return new ApiDocument(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    public IReadOnlyList<ApiOperation> Operations()
    {
        var operations = new List<ApiOperation>();
        foreach (var path in Root.GetProperty("paths").EnumerateObject())
        {
            var shared = path.Value.TryGetProperty("parameters", out var common) ? Parameters(common) : [];
            foreach (var method in path.Value.EnumerateObject().Where(m => m.Name != "parameters"))
            {
                var operation = method.Value;
                var parameters = shared.Concat(operation.TryGetProperty("parameters", out var own) ? Parameters(own) : []).ToList();
                var responses = new Dictionary<int, JsonElement?>();
                foreach (var response in operation.GetProperty("responses").EnumerateObject())
                    responses[int.Parse(response.Name, System.Globalization.CultureInfo.InvariantCulture)] = JsonSchemaOf(response.Value);
                operations.Add(new ApiOperation(method.Name.ToUpperInvariant(), path.Name,
                    operation.TryGetProperty("operationId", out var id) ? id.GetString()! : $"{method.Name} {path.Name}",
                    parameters, operation.TryGetProperty("requestBody", out _), responses,
                    operation.TryGetProperty("tags", out var tags) && tags.GetArrayLength() > 0 ? tags[0].GetString()! : ""));
            }
        }
        return operations;
    }

    /// <summary>The schema a <c>$ref</c> names, or the schema itself.</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        while (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!;
            const string prefix = "#/components/schemas/";
            if (!name.StartsWith(prefix, StringComparison.Ordinal))
                throw new InvalidOperationException($"Unexpected reference {name}");
            schema = Root.GetProperty("components").GetProperty("schemas").GetProperty(name[prefix.Length..]);
        }
        return schema;
    }

    private static List<ApiParameter> Parameters(JsonElement list) =>
        list.EnumerateArray().Select(p => new ApiParameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
            p.TryGetProperty("required", out var required) && required.GetBoolean(),
            p.TryGetProperty("schema", out var schema) ? schema : null)).ToList();

    private static JsonElement? JsonSchemaOf(JsonElement response)
    {
        if (!response.TryGetProperty("content", out var content))
            return null;
        foreach (var media in content.EnumerateObject())
        {
            if (media.Name.Contains("json", StringComparison.Ordinal) && media.Value.TryGetProperty("schema", out var schema))
                return schema;
        }
        return null;
    }
}
