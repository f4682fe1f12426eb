using System.Text.Json;
using System.Text.Json.Nodes;
using Arc.Domain.Common;
using Arc.Domain.Jobs;

namespace Arc.Domain.Email;

public static class OutboxStatus
{
    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Sent = "sent";
    /// <summary>Given up after <see cref="EmailOutbox.MaxAttempts"/> attempts; shown to administrators.</summary>
    public const string Failed = "failed";
}

/// <summary>An email waiting to go out, or gone: the outbox is also the record of what the portal sent.</summary>
public class OutboxEmail
{
    public long Id { get; set; }
    public required string To { get; set; }
    public required string Template { get; set; }
    /// <summary>The template's variables as JSON, secrets replaced by markers.</summary>
    public required string Data { get; set; }
    /// <summary>Rendered with secrets replaced by markers (<see cref="OutboxSecrets"/>): safe to show once masked.</summary>
    public required string Subject { get; set; }
    public required string Text { get; set; }
    public required string Html { get; set; }
    /// <summary>Held a secret such as a temporary password (its template's <see cref="EmailTemplates.SecretVariables"/>).</summary>
    public bool Sensitive { get; set; }
    /// <summary>The secrets, sealed by the key vault, until delivery or a permanent failure drops them.</summary>
    public string? SealedSecrets { get; set; }
    public string Status { get; set; } = OutboxStatus.Pending;
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset Created { get; set; }
    public DateTimeOffset NextAttempt { get; set; }
    public DateTimeOffset? Sent { get; set; }
    /// <summary>Who delivered it (<c>outbox</c>, <c>smtp</c>, <c>ses</c>) and the message id they gave.</summary>
    public string? Provider { get; set; }
    public string? MessageId { get; set; }
    /// <summary>Optimistic concurrency, so two delivery runs never send the same email.</summary>
    public uint Version { get; set; }
}

public sealed record RenderedEmail(long Id, string To, string Template, JsonObject Data, string Subject, string Text, string Html);

/// <summary>Delivers one email. Adapters: the outbox alone (local), SMTP, Amazon SES v2.</summary>
public interface IEmailSender
{
    string Provider { get; }

    /// <returns>The provider's message id.</returns>
    Task<string> SendAsync(RenderedEmail email, CancellationToken ct);
}

/// <summary>
/// Queues emails in the caller's unit of work, so an email commits with the change that caused it (or not at all), and
/// asks for delivery once the caller has saved. Delivery is retried with growing pauses, so an outage of the mail
/// service delays mail but loses none.
/// </summary>
public sealed class EmailOutbox(IBackgroundJobs jobs, OutboxSecrets secrets, TimeProvider time)
{
    public const int MaxAttempts = 12;
    public const int MaxAddressLength = 254;

    /// <summary>Queues an email; the values of its template's secret variables are sealed, never stored as they are.</summary>
    public async Task<OutboxEmail> QueueAsync(IArcData data, string to, string templateName, object model, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(to) || to.Length > MaxAddressLength || !EmailAddress.IsValid(to))
            throw new ValidationFailedException("email", $"'{to}' is not an email address.");
        var template = await data.FirstOrDefaultAsync(data.EmailTemplates.Where(t => t.Name == templateName), ct)
            ?? EmailTemplates.Defaults.FirstOrDefault(t => t.Name == templateName)
            ?? throw new NotFoundException("Email template", templateName);
        var address = to.Trim();
        var (variables, sealedSecrets) = await secrets.ProtectAsync(address, templateName,
            TemplateRenderer.TemplateData(JsonSerializer.SerializeToNode(model, JsonOptions) as JsonObject ?? []), ct);
        var now = time.GetUtcNow();
        var email = new OutboxEmail
        {
            To = address,
            Template = templateName,
            Data = variables.ToJsonString(),
            Subject = TemplateRenderer.Render(template.Subject, variables),
            Text = TemplateRenderer.Render(template.Text, variables),
            Html = TemplateRenderer.Render(template.Html, variables),
            Sensitive = sealedSecrets is not null,
            SealedSecrets = sealedSecrets,
            Created = now,
            NextAttempt = now,
        };
        data.Add(email);
        return email;
    }

    /// <summary>Asks for a delivery run now (call after saving); the recurring run picks up anything missed.</summary>
    public void Deliver() => jobs.Enqueue(DeliverOutboxEmails.JobKind, 0, null);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}

/// <summary>
/// Sends what is due in the outbox; run after each queued email and every minute. Secrets are unsealed into the message
/// only here, and dropped once it is delivered or has failed for good.
/// </summary>
public sealed class DeliverOutboxEmails(IArcDataFactory dataFactory, IEmailSender sender, OutboxSecrets secrets, UserSafeErrors errors, TimeProvider time)
    : IBackgroundJob
{
    public const string JobKind = "email-outbox";
    public static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(5);

    public string Kind => JobKind;

    public async Task RunAsync(long subjectId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var staleBefore = now - StaleClaim;
        List<long> due;
        await using (var data = dataFactory.Open())
        {
            due = await data.ListAsync(data.OutboxEmails
                .Where(e => (e.Status == OutboxStatus.Pending && e.NextAttempt <= now) || (e.Status == OutboxStatus.Sending && e.NextAttempt <= staleBefore))
                .OrderBy(e => e.Id).Select(e => e.Id).Take(200), ct);
        }
        foreach (var id in due)
        {
            ct.ThrowIfCancellationRequested();
            await DeliverAsync(id, ct);
        }
    }

    private async Task DeliverAsync(long id, CancellationToken ct)
    {
        await using var data = dataFactory.Open();
        var email = await data.FirstOrDefaultAsync(data.OutboxEmails.Where(e => e.Id == id), ct);
        var now = time.GetUtcNow();
        // Only what is due: pending and its time come, or claimed by a run that has not finished within StaleClaim.
        var due = email is not null && ((email.Status == OutboxStatus.Pending && email.NextAttempt <= now)
                                        || (email.Status == OutboxStatus.Sending && email.NextAttempt <= now - StaleClaim));
        if (!due)
            return;
        // Claim it; a concurrent run that claimed it first makes this save fail, and this run moves on.
        email!.Status = OutboxStatus.Sending;
        email.NextAttempt = now;
        email.Attempts++;
        try
        {
            await data.SaveChangesAsync(ct);
        }
        catch (ConflictException)
        {
            return;
        }

        try
        {
            email.MessageId = await sender.SendAsync(await secrets.RevealAsync(email, ct), ct);
            email.Status = OutboxStatus.Sent;
            email.Sent = time.GetUtcNow();
            email.Provider = sender.Provider;
            email.LastError = null;
            email.SealedSecrets = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Shown on the Mail outbox page: a plain sentence with a reference; what the mail service said is in the log.
            var error = errors.Describe(e, "The email could not be handed to the mail service.");
            email.LastError = error.Length > 500 ? error[..500] : error;
            email.Status = email.Attempts >= EmailOutbox.MaxAttempts ? OutboxStatus.Failed : OutboxStatus.Pending;
            if (email.Status == OutboxStatus.Failed)
                email.SealedSecrets = null;
            // 10 s, 20 s, 40 s … at most an hour between attempts.
            var pause = TimeSpan.FromSeconds(Math.Min(3600, 10 * Math.Pow(2, email.Attempts - 1)));
            email.NextAttempt = time.GetUtcNow() + pause;
        }
        try
        {
            await data.SaveChangesAsync(CancellationToken.None);
        }
        catch (ConflictException)
        {
            // Only possible when this run took longer than StaleClaim and another reclaimed the email: that run records it.
        }
    }
}

/// <summary>The outbox as the local delivery: the email stays in the portal, readable on the Mail outbox page.</summary>
public sealed class OutboxOnlySender : IEmailSender
{
    public string Provider => "outbox";

    public Task<string> SendAsync(RenderedEmail email, CancellationToken ct) => Task.FromResult($"outbox-{email.Id}");
}
