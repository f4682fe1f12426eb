using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Arc.Domain.Common;
using Arc.Domain.Email;
using Arc.Infrastructure.Aws;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace Arc.Infrastructure.Email;

public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary><c>outbox</c> (default: mail stays in the portal's outbox), <c>smtp</c> or <c>ses</c>.</summary>
    public string Provider { get; set; } = "outbox";

    public string From { get; set; } = "Arc Portal <no-reply@arc.local>";

    /// <summary>The portal's public address, for links in emails.</summary>
    public Uri PublicUrl { get; set; } = new("http://127.0.0.1:5080/");

    public string SmtpHost { get; set; } = "";
    public int SmtpPort { get; set; } = 587;
    /// <summary>How the SMTP connection is encrypted; STARTTLS unless configured otherwise (see <see cref="SmtpTransportSecurity"/>).</summary>
    public SmtpTransportSecurity SmtpSecurity { get; set; } = SmtpTransportSecurity.StartTls;
    public string? SmtpUsername { get; set; }
    public string? SmtpPassword { get; set; }

    /// <summary>SES v2 endpoint; default <c>https://email.{region}.amazonaws.com</c>.</summary>
    public Uri? SesEndpoint { get; set; }

    /// <summary>Prefix of the SES template names, so several environments can share an account.</summary>
    public string SesTemplatePrefix { get; set; } = "ArcPortal_";

    /// <summary>
    /// With the <c>outbox</c> provider: a directory where each delivered message, secrets included, is written as an .eml
    /// file (Development default <c>.data/mail</c>), the local stand-in for a mailbox.
    /// </summary>
    public string? PickupDirectory { get; set; }

    /// <summary>The section's settings; a security setting that names no known mode stops the portal at start.</summary>
    public static EmailOptions Read(IConfiguration configuration)
    {
        var security = configuration[$"{Section}:{nameof(SmtpSecurity)}"];
        var names = Enum.GetNames<SmtpTransportSecurity>();
        if (!string.IsNullOrWhiteSpace(security) && !names.Contains(security.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"{Section}:{nameof(SmtpSecurity)} must be {string.Join(", ", names)}, not '{security}'.");
        }
        return configuration.GetSection(Section).Get<EmailOptions>() ?? new EmailOptions();
    }
}

/// <summary>
/// The local delivery with a mailbox: the message stays in the outbox (secrets masked there) and is written, as the
/// recipient would receive it, to an .eml file in the pickup directory, readable only by the portal's account.
/// </summary>
public sealed class PickupDirectoryEmailSender(EmailOptions options) : IEmailSender
{
    public string Provider => "pickup";

    public async Task<string> SendAsync(RenderedEmail email, CancellationToken ct)
    {
        var directory = options.PickupDirectory!;
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Subject = email.Subject;
        message.Headers.Add("X-Arc-Outbox-Id", email.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        message.Headers.Add("X-Arc-Template", email.Template);
        message.Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody();
        // Written beside the target and moved into place, so a reader never sees half a message.
        var path = Path.Combine(directory, $"{email.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}.eml");
        var pending = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(pending, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
                await message.WriteToAsync(stream, ct);
            File.Move(pending, path, overwrite: true);
        }
        finally
        {
            File.Delete(pending);
        }
        return message.MessageId ?? "";
    }
}

/// <summary>How mail reaches the SMTP server. Anything but STARTTLS has to be asked for by name.</summary>
public enum SmtpTransportSecurity
{
    /// <summary>The default: plain connect, then STARTTLS; a server that does not offer it gets no mail.</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,

    /// <summary>No encryption at all: only for a relay on the same host or a test server.</summary>
    None,
}

/// <summary>
/// Delivers through an SMTP server with MailKit (both the text and the HTML part), encrypted with STARTTLS unless
/// configured otherwise. Failures leave as <see cref="ServiceUnavailableException"/>: a plain message, the detail inside.
/// </summary>
public sealed class SmtpEmailSender(EmailOptions options) : IEmailSender
{
    public string Provider => "smtp";

    public async Task<string> SendAsync(RenderedEmail email, CancellationToken ct)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Subject = email.Subject;
        message.Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody();
        using var client = new SmtpClient();
        var security = options.SmtpSecurity switch
        {
            SmtpTransportSecurity.None => SecureSocketOptions.None,
            SmtpTransportSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        try
        {
            await client.ConnectAsync(options.SmtpHost, options.SmtpPort, security, ct);
        }
        catch (NotSupportedException e) when (security == SecureSocketOptions.StartTls)
        {
            // MailKit's answer when the server's EHLO lists no STARTTLS: nothing is sent in the clear.
            throw new ServiceUnavailableException(
                "The mail server does not offer STARTTLS, so no mail was sent to it unencrypted. Enable STARTTLS on the server, " +
                $"or set {EmailOptions.Section}:{nameof(EmailOptions.SmtpSecurity)} for it.", e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ServiceUnavailableException("The mail server cannot be reached.", e);
        }
        try
        {
            if (!string.IsNullOrEmpty(options.SmtpUsername))
                await client.AuthenticateAsync(options.SmtpUsername, options.SmtpPassword ?? "", ct);
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ServiceUnavailableException("The mail server did not accept the email.", e);
        }
        return message.MessageId ?? "";
    }
}

/// <summary>
/// Amazon SES v2 over REST with SigV4 (service <c>ses</c>): keeps SES's copy of each template equal to the portal's
/// (UpdateEmailTemplate, or CreateEmailTemplate when SES has none) and sends templated email with the variables, so SES
/// renders exactly what the outbox shows.
/// </summary>
public sealed class SesEmailSender(HttpClient http, EmailOptions options, IArcDataFactory dataFactory, TimeProvider time) : IEmailSender
{
    public const string SigningName = "ses";

    private readonly ConcurrentDictionary<string, string> _synced = new(StringComparer.Ordinal);

    public string Provider => "ses";

    public string TemplateName(string template) => options.SesTemplatePrefix + template;

    public async Task<string> SendAsync(RenderedEmail email, CancellationToken ct)
    {
        await SyncTemplateAsync(email.Template, ct);
        var body = new JsonObject
        {
            ["FromEmailAddress"] = options.From,
            ["Destination"] = new JsonObject { ["ToAddresses"] = new JsonArray(email.To) },
            ["Content"] = new JsonObject
            {
                ["Template"] = new JsonObject { ["TemplateName"] = TemplateName(email.Template), ["TemplateData"] = email.Data.ToJsonString() },
            },
        };
        using var response = await AwsRest.SendAsync(http, () => new HttpRequestMessage(HttpMethod.Post, "v2/email/outbound-emails")
        {
            Content = JsonContent.Create(body),
        }, time, ct);
        await AwsRest.EnsureSuccessAsync(response, "SES", ct);
        return AwsRest.Text(await AwsRest.ReadAsync(response, "SES", ct), "MessageId", "SES");
    }

    /// <summary>Makes SES hold the portal's current version of a template (once per version and process).</summary>
    public async Task SyncTemplateAsync(string name, CancellationToken ct)
    {
        EmailTemplate template;
        await using (var data = dataFactory.Open())
        {
            template = await data.FirstOrDefaultAsync(data.EmailTemplates.Where(t => t.Name == name), ct)
                ?? EmailTemplates.Defaults.FirstOrDefault(t => t.Name == name)
                ?? throw new NotFoundException("Email template", name);
        }
        var content = new JsonObject { ["Subject"] = template.Subject, ["Text"] = template.Text, ["Html"] = template.Html };
        var version = content.ToJsonString();
        if (_synced.TryGetValue(name, out var synced) && synced == version)
            return;
        var sesName = TemplateName(name);
        using (var update = await AwsRest.SendAsync(http, () => new HttpRequestMessage(HttpMethod.Put, $"v2/email/templates/{Uri.EscapeDataString(sesName)}")
        {
            Content = JsonContent.Create(new JsonObject { ["TemplateContent"] = content.DeepClone() }),
        }, time, ct))
        {
            if (update.StatusCode == HttpStatusCode.NotFound)
            {
                using var create = await AwsRest.SendAsync(http, () => new HttpRequestMessage(HttpMethod.Post, "v2/email/templates")
                {
                    Content = JsonContent.Create(new JsonObject { ["TemplateName"] = sesName, ["TemplateContent"] = content.DeepClone() }),
                }, time, ct);
                await AwsRest.EnsureSuccessAsync(create, "SES", ct);
            }
            else
            {
                await AwsRest.EnsureSuccessAsync(update, "SES", ct);
            }
        }
        _synced[name] = version;
    }
}
