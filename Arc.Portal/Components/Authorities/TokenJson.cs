using System.Globalization;
using System.Text.Json.Nodes;
using Arc.Domain.Common;

namespace Arc.Portal.Components.Authorities;

/// <summary>Builds the token JSON from the form: the vehicle's VIN first, then each extra field (numbers stay numbers).</summary>
public static class TokenJson
{
    public static string Build(string vin, IEnumerable<(string? Name, string? Value)> fields)
    {
        var token = new JsonObject { ["vin"] = vin };
        foreach (var (name, value) in fields)
        {
            var key = (name ?? "").Trim();
            if (key.Length == 0 && string.IsNullOrWhiteSpace(value))
                continue;
            if (key.Length == 0)
                throw new ValidationFailedException("token", "Every extra field needs a name.");
            if (token.ContainsKey(key))
                throw new ValidationFailedException("token", $"The field \"{key}\" is given twice.");
            var text = (value ?? "").Trim();
            token[key] = long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : text;
        }
        return token.ToJsonString();
    }
}
