using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Arc.Domain.Authorities;

namespace Arc.Domain.Email;

/// <summary>An email's variables as stored: secrets replaced by markers, and the secrets sealed (null when it has none).</summary>
public sealed record ProtectedVariables(JsonObject Variables, string? SealedSecrets);

/// <summary>
/// Keeps the secrets of an email (a temporary password, a reset code) out of the outbox table. When an email is queued,
/// each secret variable of its template (<see cref="EmailTemplates.SecretVariables"/>) is replaced by a marker that
/// holds a random nonce, the email is rendered with the markers, and the secrets are sealed by the key vault, bound to
/// the template and recipient. Only the delivery run puts them back, in memory; after delivery or a permanent failure
/// the sealed secrets are dropped, and the outbox keeps the message with its markers, which pages show masked.
/// </summary>
public sealed partial class OutboxSecrets(IKeyVault vault)
{
    public const string Mask = "••••••";

    public async Task<ProtectedVariables> ProtectAsync(string to, string template, JsonObject variables, CancellationToken ct = default)
    {
        var names = EmailTemplates.SecretVariables(template).Where(n => variables[n] is JsonValue).Order(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
            return new ProtectedVariables(variables, null);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var masked = (JsonObject)variables.DeepClone();
        var values = new JsonObject();
        foreach (var name in names)
        {
            values[name] = Text(variables[name]!);
            masked[name] = Marker(nonce, name);
            if (masked["html"] is JsonObject html)
                html[name] = Marker(nonce, HtmlPrefix + name);
        }
        return new ProtectedVariables(masked, await SealAsync(to, template, nonce, values, ct));
    }

    /// <summary>The email as it is to be delivered: its secrets unsealed into the text, the HTML (escaped) and the variables.</summary>
    public async Task<RenderedEmail> RevealAsync(OutboxEmail email, CancellationToken ct = default)
    {
        var variables = JsonNode.Parse(email.Data) as JsonObject ?? [];
        if (email.SealedSecrets is null)
            return new RenderedEmail(email.Id, email.To, email.Template, variables, email.Subject, email.Text, email.Html);
        var payload = JsonNode.Parse(await vault.UnsealTextAsync(email.SealedSecrets, SealContext.EmailSecrets(email.Template, email.To),
            $"secrets of email {email.Id}", ct))!;
        var nonce = payload["nonce"]!.GetValue<string>();
        var secrets = payload["values"]!.AsObject().Select(p => (Name: p.Key, Value: p.Value!.GetValue<string>())).ToList();
        string Reveal(string text)
        {
            foreach (var (name, value) in secrets)
            {
                text = text.Replace(Marker(nonce, HtmlPrefix + name), TemplateRenderer.Escape(value), StringComparison.Ordinal)
                    .Replace(Marker(nonce, name), value, StringComparison.Ordinal);
            }
            return text;
        }
        return new RenderedEmail(email.Id, email.To, email.Template, (JsonObject)RevealIn(variables, Reveal)!,
            Reveal(email.Subject), Reveal(email.Text), Reveal(email.Html));
    }

    /// <summary>The text with every secret marker shown as <see cref="Mask"/>.</summary>
    public static string MaskText(string text) => MarkerPattern().Replace(text, Mask);

    /// <summary>
    /// Protects an email queued before secrets were sealed, whose variables and text still hold them: markers replace the
    /// values, and the secrets are sealed when the email is still to be delivered (dropped when it was delivered already).
    /// </summary>
    /// <returns>True when the email changed.</returns>
    public async Task<bool> ProtectStoredAsync(OutboxEmail email, CancellationToken ct = default)
    {
        if (!email.Sensitive || email.SealedSecrets is not null || JsonNode.Parse(email.Data) is not JsonObject variables)
            return false;
        var secrets = EmailTemplates.SecretVariables(email.Template)
            .Select(name => (Name: name, Value: variables[name] is JsonValue v ? Text(v) : ""))
            .Where(s => s.Value.Length > 0 && !MarkerPattern().IsMatch(s.Value)).ToList();
        if (secrets.Count == 0)
            return false;
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        foreach (var (name, value) in secrets)
        {
            string Hide(string text) => text.Replace(value, Marker(nonce, name), StringComparison.Ordinal);
            email.Subject = Hide(email.Subject);
            email.Text = Hide(email.Text);
            email.Html = Hide(email.Html.Replace(TemplateRenderer.Escape(value), Marker(nonce, HtmlPrefix + name), StringComparison.Ordinal));
            variables[name] = Marker(nonce, name);
            if (variables["html"] is JsonObject html)
                html[name] = Marker(nonce, HtmlPrefix + name);
        }
        email.Data = variables.ToJsonString();
        if (email.Status is OutboxStatus.Pending or OutboxStatus.Sending)
            email.SealedSecrets = await SealAsync(email.To, email.Template, nonce, new JsonObject(secrets.Select(s => KeyValuePair.Create(s.Name, (JsonNode?)s.Value))), ct);
        return true;
    }

    private const string HtmlPrefix = "html.";

    private Task<string> SealAsync(string to, string template, string nonce, JsonObject values, CancellationToken ct) =>
        vault.SealTextAsync(new JsonObject { ["nonce"] = nonce, ["values"] = values }.ToJsonString(), SealContext.EmailSecrets(template, to), ct);

    private static string Marker(string nonce, string name) => $"[secret:{nonce}:{name}]";

    private static string Text(JsonNode value) => value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value.ToJsonString();

    private static JsonNode? RevealIn(JsonNode? node, Func<string, string> reveal) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, RevealIn(p.Value, reveal)))),
        JsonArray a => new JsonArray(a.Select(n => RevealIn(n, reveal)).ToArray()),
        JsonValue v when v.TryGetValue<string>(out var s) => JsonValue.Create(reveal(s)),
        _ => node?.DeepClone(),
    };

    [GeneratedRegex(@"\[secret:[0-9a-f]{16}:(?:html\.)?[A-Za-z0-9_]+\]")]
    private static partial Regex MarkerPattern();
}
