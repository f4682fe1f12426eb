using System.Text.Json;

namespace Arc.Portal.Tests.Integration.Api.Contract;

/// <summary>
/// Checks a JSON answer against the schema the OpenAPI document gives for it: every documented required field present,
/// every field's type as documented (nullable only where the schema allows null), and no field the document does not
/// name. Enough of JSON Schema for what ASP.NET Core's document generator writes: references, type lists, properties,
/// items, additionalProperties, and oneOf/anyOf/allOf.
/// </summary>
public sealed class SchemaCheck(ApiDocument document)
{
    private const int MaxDepth = 32;

    public IReadOnlyList<string> Check(JsonElement value, JsonElement schema)
    {
        var errors = new List<string>();
        Walk(value, schema, "$", errors, 0);
        return errors;
    }

    private void Walk(JsonElement value, JsonElement schema, string at, List<string> errors, int depth)
    {
        if (depth > MaxDepth)
            return;
        schema = document.Resolve(schema);
        if (schema.ValueKind != JsonValueKind.Object)
            return;
        foreach (var combinator in new[] { "oneOf", "anyOf" })
        {
            if (!schema.TryGetProperty(combinator, out var choices))
                continue;
            var options = choices.EnumerateArray().ToList();
            if (!options.Any(option => Matches(value, option, at, depth)))
                errors.Add($"{at}: matches none of the {combinator} schemas");
            return;
        }
        if (schema.TryGetProperty("allOf", out var all))
        {
            foreach (var part in all.EnumerateArray())
                Walk(value, part, at, errors, depth + 1);
            return;
        }

        var types = Types(schema);
        if (types.Count > 0 && !types.Any(t => IsOfType(value, t)))
        {
            errors.Add($"{at}: {Describe(value)} where the document says {string.Join(" or ", types)}");
            return;
        }
        if (value.ValueKind == JsonValueKind.Object)
            WalkObject(value, schema, at, errors, depth);
        else if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
                Walk(item, items, $"{at}[{index++}]", errors, depth + 1);
        }
    }

    private void WalkObject(JsonElement value, JsonElement schema, string at, List<string> errors, int depth)
    {
        var properties = schema.TryGetProperty("properties", out var declared) ? declared : default;
        var extra = schema.TryGetProperty("additionalProperties", out var additional) ? additional : default;
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!value.TryGetProperty(name, out _))
                    errors.Add($"{at}: the required field '{name}' is missing");
            }
        }
        foreach (var field in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(field.Name, out var fieldSchema))
                Walk(field.Value, fieldSchema, $"{at}.{field.Name}", errors, depth + 1);
            else if (extra.ValueKind == JsonValueKind.Object)
                Walk(field.Value, extra, $"{at}.{field.Name}", errors, depth + 1);
            else if (extra.ValueKind != JsonValueKind.True && properties.ValueKind == JsonValueKind.Object)
                errors.Add($"{at}: the field '{field.Name}' is not in the document");
        }
    }

    private bool Matches(JsonElement value, JsonElement schema, string at, int depth)
    {
        var errors = new List<string>();
        Walk(value, schema, at, errors, depth + 1);
        return errors.Count == 0;
    }

    private static List<string> Types(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
            return [];
        return type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
    }

    private static bool IsOfType(JsonElement value, string type) => type switch
    {
        "null" => value.ValueKind == JsonValueKind.Null,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        _ => true,
    };

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };
}
