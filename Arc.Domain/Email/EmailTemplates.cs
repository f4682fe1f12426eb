using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Arc.Domain.Email;

/// <summary>An email template kept with the portal: the same names and variables whichever service delivers it.</summary>
public class EmailTemplate
{
    public required string Name { get; set; }
    public required string Subject { get; set; }
    public required string Text { get; set; }
    public required string Html { get; set; }
    public DateTimeOffset Updated { get; set; }
}

/// <summary>The portal's templates, seeded into the database when missing (an edited template is never overwritten).</summary>
public static class EmailTemplates
{
    public const string UserInvitation = "user_invitation";
    public const string PasswordReset = "user_password_reset";
    public const string BackfillComplete = "backfill_complete";
    public const string BackfillFailed = "backfill_failed";
    public const string TelematicsError = "telematics_error";
    public const string EmailChangeCode = "user_email_change_code";
    public const string EmailChanged = "user_email_changed";
    public const string AlarmRaised = "alarm_raised";
    public const string InsurerExportComplete = "yrisk_export_complete";
    public const string CampaignPaused = "ota_campaign_paused";

    private static readonly Dictionary<string, IReadOnlySet<string>> Secrets = new(StringComparer.Ordinal)
    {
        [UserInvitation] = new HashSet<string>(StringComparer.Ordinal) { "temporaryPassword" },
        [PasswordReset] = new HashSet<string>(StringComparer.Ordinal) { "code" },
        [EmailChangeCode] = new HashSet<string>(StringComparer.Ordinal) { "code" },
    };

    /// <summary>
    /// The variables of a template that hold a secret: they are sealed in the outbox, put into the message only when it
    /// is delivered, and never shown on a page (see <see cref="OutboxSecrets"/>).
    /// </summary>
    public static IReadOnlySet<string> SecretVariables(string template) =>
        Secrets.TryGetValue(template, out var names) ? names : new HashSet<string>();

    private const string Footer = "<p style=\"color:#666;font-size:12px\">Arc Portal · this message was sent automatically; replies are not read.</p>";

    public static IReadOnlyList<EmailTemplate> Defaults { get; } =
    [
        new()
        {
            Name = UserInvitation,
            Subject = "Your Arc Portal account: username, temporary password and sign-in link",
            Text = "Hello {{name}},\n\nAn account has been created for you on Arc Portal, in {{groups}}.\n\nSign in at {{signInUrl}}\nUsername: {{email}}\n" +
                   "Temporary password: {{temporaryPassword}}\n\nYou will choose your own password when you first sign in. The temporary password " +
                   "expires in {{validDays}} days; after that an administrator must send a new invitation.\n",
            Html = "<p>Hello {{html.name}},</p><p>An account has been created for you on Arc Portal, in {{html.groups}}.</p>" +
                   "<p>Sign in at <a href=\"{{html.signInUrl}}\">{{html.signInUrl}}</a><br>Username: <b>{{html.email}}</b><br>Temporary password: <b>{{html.temporaryPassword}}</b></p>" +
                   "<p>You will choose your own password when you first sign in. The temporary password expires in {{html.validDays}} days; after that an " +
                   "administrator must send a new invitation.</p>" + Footer,
        },
        new()
        {
            Name = PasswordReset,
            Subject = "Your Arc Portal password reset code",
            Text = "Hello {{html.name}},\n\nUse this code to choose a new password: {{html.code}}\nIt is valid for {{html.validMinutes}} minutes.\n" +
                   "Enter it at {{html.resetUrl}}\n\nIf you did not ask for this, ignore this email; your password is unchanged.\n",
            Html = "<p>Hello {{html.name}},</p><p>Use this code to choose a new password: <b style=\"font-size:20px\">{{html.code}}</b><br>It is valid for {{html.validMinutes}} minutes.</p>" +
                   "<p>Enter it at <a href=\"{{html.resetUrl}}\">{{html.resetUrl}}</a></p><p>If you did not ask for this, ignore this email; your password is unchanged.</p>" + Footer,
        },
        new()
        {
            Name = BackfillComplete,
            Subject = "Backfill telemetry data request for {{html.vin}} complete",
            Text = "The data from {{html.file}} is now available for {{html.vin}}: {{html.vehicleUrl}}\n",
            Html = "<p>The data from <b>{{html.file}}</b> is now available for <a href=\"{{html.vehicleUrl}}\">{{html.vin}}</a>.</p>" + Footer,
        },
        new()
        {
            Name = BackfillFailed,
            Subject = "Backfill telemetry data request for {{html.vin}} with file {{html.file}} failed",
            Text = "The file {{html.file}} for {{html.vin}} could not be processed: {{html.reason}}\nNothing from it was written. Contact support if this persists.\n",
            Html = "<p>The file <b>{{html.file}}</b> for {{html.vin}} could not be processed: {{html.reason}}</p><p>Nothing from it was written. Contact support if this persists.</p>" + Footer,
        },
        new()
        {
            Name = EmailChangeCode,
            Subject = "Confirm the new email address of your Arc Portal account",
            Text = "Hello {{html.name}},\n\nThis address is to become the email of an Arc Portal account. To confirm it, enter this code on " +
                   "My profile: {{html.code}}\nIt is valid for {{html.validMinutes}} minutes. Until it is confirmed the account keeps its old address.\n\n" +
                   "If you did not expect this, ignore this email and nothing changes.\n",
            Html = "<p>Hello {{html.name}},</p><p>This address is to become the email of an Arc Portal account. To confirm it, enter this code on " +
                   "<a href=\"{{html.profileUrl}}\">My profile</a>: <b style=\"font-size:20px\">{{html.code}}</b><br>It is valid for {{html.validMinutes}} minutes. " +
                   "Until it is confirmed the account keeps its old address.</p><p>If you did not expect this, ignore this email and nothing changes.</p>" + Footer,
        },
        new()
        {
            Name = EmailChanged,
            Subject = "The email of your Arc Portal account was changed",
            Text = "Hello {{html.name}},\n\nThe email of your Arc Portal account was changed from {{html.oldEmail}} to {{html.newEmail}} at {{html.at}}. " +
                   "Sign in with the new address from now on.\n\nIf you did not ask for this, tell your administrator at once.\n",
            Html = "<p>Hello {{html.name}},</p><p>The email of your Arc Portal account was changed from <b>{{html.oldEmail}}</b> to <b>{{html.newEmail}}</b> " +
                   "at {{html.at}}. Sign in with the new address from now on.</p><p>If you did not ask for this, tell your administrator at once.</p>" + Footer,
        },
        new()
        {
            Name = TelematicsError,
            Subject = "{{html.subject}}",
            Text = "{{html.message}}\n\nSource: {{html.source}}\nSource type: {{html.sourceType}}\nSeverity: {{html.severity}}\n",
            Html = "<p>{{html.message}}</p><p>Source: {{html.source}}<br>Source type: {{html.sourceType}}<br>Severity: {{html.severity}}</p>" + Footer,
        },
        new()
        {
            Name = AlarmRaised,
            Subject = "[{{html.severity}}] {{html.rule}} on {{html.vin}}",
            Text = "Hello {{html.name}},\n\nThe alarm rule \"{{html.rule}}\" raised a {{html.severity}} alarm on {{html.vin}} at {{html.raisedAt}}: {{html.details}}\n\n" +
                   "See it, acknowledge it or clear it in the Alarms centre: {{html.alarmsUrl}}\n\nYou receive this because of the alarm subscriptions on your profile.\n",
            Html = "<p>Hello {{html.name}},</p><p>The alarm rule <b>{{html.rule}}</b> raised a <b>{{html.severity}}</b> alarm on {{html.vin}} at {{html.raisedAt}}: " +
                   "{{html.details}}</p><p>See it, acknowledge it or clear it in the <a href=\"{{html.alarmsUrl}}\">Alarms centre</a>.</p>" +
                   "<p>You receive this because of the alarm subscriptions on your profile.</p>" + Footer,
        },
        new()
        {
            Name = CampaignPaused,
            Subject = "Campaign \"{{html.campaign}}\" paused by its health gate",
            Text = "Hello {{html.name}},\n\nThe over-the-air campaign \"{{html.campaign}}\" (campaign {{html.id}}) was paused in wave {{html.wave}}: " +
                   "{{html.verdict}}\n\nNo more vehicles are sent the update until someone resumes or aborts it: {{html.campaignUrl}}\n",
            Html = "<p>Hello {{html.name}},</p><p>The over-the-air campaign <b>{{html.campaign}}</b> (campaign {{html.id}}) was paused in wave {{html.wave}}: " +
                   "{{html.verdict}}</p><p>No more vehicles are sent the update until someone resumes or aborts it on the " +
                   "<a href=\"{{html.campaignUrl}}\">campaign page</a>.</p>" + Footer,
        },
        new()
        {
            Name = InsurerExportComplete,
            Subject = "Y-Risk Monthly Vehicles Export Complete{{html.environment}}",
            Text = "The insurer export of {{html.month}} is ready: {{html.vehicles}} vehicles, saved as {{html.file}}.\n\n" +
                   "Vehicles without any odometer reading ({{html.unknownCount}}), written as unknown: {{html.unknownVins}}\n\n" +
                   "See and download it on the insurer exports page: {{html.exportsUrl}}\n",
            Html = "<p>The insurer export of <b>{{html.month}}</b> is ready: {{html.vehicles}} vehicles, saved as <code>{{html.file}}</code>.</p>" +
                   "<p>Vehicles without any odometer reading ({{html.unknownCount}}), written as unknown: {{html.unknownVins}}</p>" +
                   "<p>See and download it on the <a href=\"{{html.exportsUrl}}\">insurer exports page</a>.</p>" + Footer,
        },
    ];
}

/// <summary>
/// Renders the subset of Handlebars the templates use, exactly as SES renders it: <c>{{name}}</c>, <c>{{a.b}}</c> and
/// <c>{{{name}}}</c> insert the value as it is (SES does not escape), a missing value renders as nothing. HTML parts
/// therefore use the escaped copies under <c>html.</c> that <see cref="TemplateData"/> adds, never the raw values.
/// </summary>
public static partial class TemplateRenderer
{
    public static string Render(string template, JsonObject data) =>
        Placeholder().Replace(template, m =>
        {
            var path = (m.Groups["raw"].Success ? m.Groups["raw"] : m.Groups["name"]).Value;
            return Lookup(data, path);
        });

    /// <summary>The variables for a template: the model's values, and under <c>html</c> the same values HTML-escaped.</summary>
    public static JsonObject TemplateData(JsonObject model)
    {
        var data = (JsonObject)model.DeepClone();
        data.Remove("html");
        data["html"] = EscapeAll(data);
        return data;
    }

    private static JsonNode? EscapeAll(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, EscapeAll(p.Value)))),
        JsonArray a => new JsonArray(a.Select(EscapeAll).ToArray()),
        JsonValue v when v.TryGetValue<string>(out var s) => JsonValue.Create(Escape(s)),
        _ => node?.DeepClone(),
    };

    /// <summary>The variables a template refers to (for checks and the template page).</summary>
    public static IReadOnlySet<string> Variables(string template) =>
        Placeholder().Matches(template).Select(m => m.Groups["raw"].Success ? m.Groups["raw"].Value : m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    private static string Lookup(JsonObject data, string path)
    {
        JsonNode? node = data;
        foreach (var part in path.Split('.'))
            node = node is JsonObject o && o.TryGetPropertyValue(part, out var child) ? child : null;
        return node switch
        {
            null => "",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
            JsonValue v when v.TryGetValue<double>(out var d) => d.ToString(CultureInfo.InvariantCulture),
            _ => node.ToJsonString(),
        };
    }

    /// <summary>Handlebars' escaping: the five HTML characters plus backtick and equals sign.</summary>
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#x27;",
                '`' => "&#x60;",
                '=' => "&#x3D;",
                _ => c.ToString(),
            });
        }
        return builder.ToString();
    }

    [GeneratedRegex(@"\{\{\{\s*(?<raw>[A-Za-z0-9_.]+)\s*\}\}\}|\{\{\s*(?<name>[A-Za-z0-9_.]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
