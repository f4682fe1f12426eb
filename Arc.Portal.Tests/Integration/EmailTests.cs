using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Arc.Domain.Common;
using Arc.Domain.Email;
using Arc.Infrastructure.Aws;
using Arc.Infrastructure.Email;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

public sealed class EmailRenderingTests
{
    [Fact]
    public void Values_render_as_they_are_and_html_parts_use_the_escaped_copies()
    {
        var data = TemplateRenderer.TemplateData(new JsonObject { ["name"] = "<b>Ann & \"Bo\"</b> = `x`'", ["user"] = new JsonObject { ["id"] = 7 }, ["flag"] = true });
        Assert.Equal("Hi &lt;b&gt;Ann &amp; &quot;Bo&quot;&lt;/b&gt; &#x3D; &#x60;x&#x60;&#x27;, 7 true []",
            TemplateRenderer.Render("Hi {{html.name}}, {{ html.user.id }} {{flag}} [{{missing}}]", data));
        // As SES: no escaping of its own, so text parts read naturally.
        Assert.Equal("<b>Ann & \"Bo\"</b> = `x`'", TemplateRenderer.Render("{{name}}", data));
        Assert.Equal("<b>Ann & \"Bo\"</b> = `x`'", TemplateRenderer.Render("{{{name}}}", data));
        Assert.Equal(new HashSet<string> { "name", "temporaryPassword" }, TemplateRenderer.Variables("{{name}} {{{temporaryPassword}}}"));
    }

    [Theory]
    [InlineData("ann@example.com", true)]
    [InlineData("ann.b+tag@sub.example.co", true)]
    [InlineData("a@b.c", true)]
    [InlineData("", false)]
    [InlineData("ann", false)]
    [InlineData("ann@", false)]
    [InlineData("@example.com", false)]
    [InlineData("ann@example", false)]
    [InlineData("ann@@example.com", false)]
    [InlineData("ann smith@example.com", false)]
    [InlineData("Ann <ann@example.com>", false)]
    [InlineData("ann@example..com", false)]
    [InlineData("ann@-example.com", false)]
    [InlineData(".ann@example.com", false)]
    [InlineData("ann\r\nBcc: x@y.z@example.com", false)]
    public void Email_addresses_follow_the_portal_rule(string address, bool valid) => Assert.Equal(valid, EmailAddress.IsValid(address));

    [Fact]
    public void An_address_longer_than_254_characters_is_refused() =>
        Assert.False(EmailAddress.IsValid(new string('a', 60) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".com"));
}

/// <summary>An email service that can be switched off, as an outage would.</summary>
public sealed class SwitchableSender : IEmailSender
{
    public bool Down { get; set; }
    public List<RenderedEmail> Sent { get; } = [];

    public string Provider => "smtp";

    public Task<string> SendAsync(RenderedEmail email, CancellationToken ct)
    {
        if (Down)
            throw new IOException("Connection refused (smtp.example.test:587)");
        lock (Sent)
            Sent.Add(email);
        return Task.FromResult($"<{email.Id}@test>");
    }
}

public sealed class OutboxPortal : IAsyncLifetime
{
    public SwitchableSender Sender { get; } = new();
    public PortalServer Portal { get; } = new();

    public Task InitializeAsync()
    {
        Portal.ConfigureServices = services => services.AddSingleton<IEmailSender>(Sender);
        return Portal.InitializeAsync();
    }

    public Task DisposeAsync() => Portal.DisposeAsync();
}

public sealed class EmailOutboxTests(OutboxPortal fixture) : IClassFixture<OutboxPortal>
{
    private PortalServer Portal => fixture.Portal;

    private const string Password = "Tmp-Passw0rd!";

    private async Task<long> QueueAsync(string to, string template = EmailTemplates.UserInvitation)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var data = scope.ServiceProvider.GetRequiredService<IArcDataFactory>().Open();
        await using (data)
        {
            var email = await scope.ServiceProvider.GetRequiredService<EmailOutbox>().QueueAsync(data, to, template,
                new { name = "Ann <Admin>", email = to, temporaryPassword = Password, code = "482913", signInUrl = "http://127.0.0.1/", validDays = 7 });
            await data.SaveChangesAsync();
            return email.Id;
        }
    }

    /// <summary>Everything the outbox row holds, as text.</summary>
    private static string Stored(OutboxEmail email) => string.Join("\n", email.To, email.Subject, email.Text, email.Html, email.Data, email.SealedSecrets);

    private async Task DeliverAsync()
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var job = scope.ServiceProvider.GetServices<Arc.Domain.Jobs.IBackgroundJob>().Single(j => j.Kind == DeliverOutboxEmails.JobKind);
        await job.RunAsync(0, CancellationToken.None);
    }

    private async Task<OutboxEmail> ReadAsync(long id)
    {
        await using var db = Portal.CreateDb();
        return await db.OutboxEmailSet.AsNoTracking().SingleAsync(e => e.Id == id);
    }

    [Fact]
    public async Task An_email_is_rendered_into_the_outbox_and_sent_once_even_by_two_runs_at_the_same_time()
    {
        var to = $"ann-{Guid.NewGuid():N}@example.com";
        var id = await QueueAsync(to);
        var queued = await ReadAsync(id);
        Assert.Equal(OutboxStatus.Pending, queued.Status);
        Assert.Contains("Hello Ann &lt;Admin&gt;", queued.Html, StringComparison.Ordinal);
        Assert.Contains("Hello Ann <Admin>", queued.Text, StringComparison.Ordinal);

        await Task.WhenAll(DeliverAsync(), DeliverAsync(), DeliverAsync());

        var sent = await ReadAsync(id);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal("smtp", sent.Provider);
        Assert.Single(fixture.Sender.Sent, e => e.To == to);
    }

    [Fact]
    public async Task During_an_outage_mail_waits_and_goes_out_when_the_service_is_back_and_secrets_are_then_blanked()
    {
        var to = $"bo-{Guid.NewGuid():N}@example.com";
        fixture.Sender.Down = true;
        long id;
        try
        {
            id = await QueueAsync(to);
            var queued = await ReadAsync(id);
            Assert.True(queued.Sensitive);
            Assert.NotNull(queued.SealedSecrets);
            Assert.DoesNotContain(Password, Stored(queued), StringComparison.Ordinal);
            await DeliverAsync();
            var waiting = await ReadAsync(id);
            Assert.Equal(OutboxStatus.Pending, waiting.Status);
            Assert.Equal(1, waiting.Attempts);
            // The page shows a plain sentence with a reference; the sender's own words go to the log only.
            Assert.DoesNotContain("Connection refused", waiting.LastError, StringComparison.Ordinal);
            Assert.StartsWith("The email could not be handed to the mail service (reference ", waiting.LastError, StringComparison.Ordinal);
            Assert.Contains(Portal.Log.Entries, e => e.Contains("Connection refused", StringComparison.Ordinal));
            Assert.True(waiting.NextAttempt > DateTimeOffset.UtcNow.AddSeconds(5));
            await DeliverAsync(); // not due yet: no second attempt
            Assert.Equal(1, (await ReadAsync(id)).Attempts);
        }
        finally
        {
            fixture.Sender.Down = false;
        }

        await using (var db = Portal.CreateDb())
            await db.OutboxEmailSet.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.NextAttempt, DateTimeOffset.UtcNow.AddSeconds(-1)));
        await DeliverAsync();

        var sent = await ReadAsync(id);
        Assert.Equal((OutboxStatus.Sent, 2), (sent.Status, sent.Attempts));
        // The service got the secret in every part; the outbox keeps the message with the secret masked, and no sealed copy.
        var delivered = fixture.Sender.Sent.Single(e => e.To == to);
        Assert.Contains($"Temporary password: {Password}", delivered.Text, StringComparison.Ordinal);
        Assert.Contains($"Temporary password: <b>{Password}</b>", delivered.Html, StringComparison.Ordinal);
        Assert.Equal(Password, delivered.Data["temporaryPassword"]!.GetValue<string>());
        Assert.Equal(Password, delivered.Data["html"]!["temporaryPassword"]!.GetValue<string>());
        Assert.Null(sent.SealedSecrets);
        Assert.DoesNotContain(Password, Stored(sent), StringComparison.Ordinal);
        Assert.Contains($"Temporary password: {OutboxSecrets.Mask}", OutboxSecrets.MaskText(sent.Text), StringComparison.Ordinal);
        Assert.Contains("Hello Ann <Admin>", sent.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_is_escaped_in_the_html_part_only_when_it_is_put_back()
    {
        var to = $"esc-{Guid.NewGuid():N}@example.com";
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            var data = scope.ServiceProvider.GetRequiredService<IArcDataFactory>().Open();
            await using (data)
            {
                await scope.ServiceProvider.GetRequiredService<EmailOutbox>().QueueAsync(data, to, EmailTemplates.UserInvitation,
                    new { name = "Ann", email = to, temporaryPassword = "a<b&c=d", signInUrl = "http://127.0.0.1/", validDays = 7 });
                await data.SaveChangesAsync();
            }
        }
        await DeliverAsync();
        var delivered = fixture.Sender.Sent.Single(e => e.To == to);
        Assert.Contains("Temporary password: a<b&c=d\n", delivered.Text, StringComparison.Ordinal);
        Assert.Contains("Temporary password: <b>a&lt;b&amp;c&#x3D;d</b>", delivered.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_are_dropped_when_delivery_fails_for_good()
    {
        var to = $"gone-{Guid.NewGuid():N}@example.com";
        fixture.Sender.Down = true;
        long id;
        try
        {
            id = await QueueAsync(to, EmailTemplates.PasswordReset);
            await using (var db = Portal.CreateDb())
            {
                await db.OutboxEmailSet.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Attempts, EmailOutbox.MaxAttempts - 1)
                    .SetProperty(e => e.NextAttempt, DateTimeOffset.UtcNow.AddSeconds(-1)));
            }
            await DeliverAsync();
        }
        finally
        {
            fixture.Sender.Down = false;
        }
        var failed = await ReadAsync(id);
        Assert.True(failed.Sensitive);
        Assert.Equal((OutboxStatus.Failed, EmailOutbox.MaxAttempts), (failed.Status, failed.Attempts));
        Assert.Null(failed.SealedSecrets);
    }

    [Fact]
    public async Task Sealed_secrets_copied_to_an_email_for_someone_else_do_not_open_and_are_not_sent()
    {
        var victim = $"victim-{Guid.NewGuid():N}@example.com";
        var intruder = $"intruder-{Guid.NewGuid():N}@example.com";
        var victimId = await QueueAsync(victim);
        var intruderId = await QueueAsync(intruder);
        await using (var db = Portal.CreateDb())
        {
            var stolen = await db.OutboxEmailSet.Where(e => e.Id == victimId).Select(e => new { e.SealedSecrets, e.Text, e.Html, e.Data }).SingleAsync();
            // Everything the victim's email holds, markers included, moved into the intruder's.
            await db.OutboxEmailSet.Where(e => e.Id == intruderId).ExecuteUpdateAsync(s => s.SetProperty(e => e.SealedSecrets, stolen.SealedSecrets)
                .SetProperty(e => e.Text, stolen.Text).SetProperty(e => e.Html, stolen.Html).SetProperty(e => e.Data, stolen.Data)
                .SetProperty(e => e.NextAttempt, DateTimeOffset.UtcNow.AddSeconds(-1)));
            await db.OutboxEmailSet.Where(e => e.Id == victimId).ExecuteUpdateAsync(s => s.SetProperty(e => e.NextAttempt, DateTimeOffset.UtcNow.AddHours(1)));
        }
        await DeliverAsync();

        var refused = await ReadAsync(intruderId);
        Assert.Equal(OutboxStatus.Pending, refused.Status);
        Assert.Contains("cannot be opened", refused.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Sender.Sent, e => e.To == intruder);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not an address")]
    [InlineData("x@y.z\r\nBcc: everyone@example.com")]
    public async Task A_malformed_address_is_refused_and_nothing_is_queued(string to)
    {
        await using var db = Portal.CreateDb();
        var before = await db.OutboxEmailSet.CountAsync();
        await Assert.ThrowsAsync<ValidationFailedException>(() => QueueAsync(to));
        Assert.Equal(before, await db.OutboxEmailSet.CountAsync());
    }
}

/// <summary>The SES v2 adapter against aws-ses-v2-local, a real implementation of the SES v2 HTTP API.</summary>
public sealed class SesPeer : IAsyncLifetime
{
    public NodePeer Peer { get; private set; } = default!;
    public PortalServer Portal { get; } = new();

    public async Task InitializeAsync()
    {
        Peer = await NodePeer.StartAsync("aws-ses-v2-local/dist/cli.js", port => ["--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], "health-check");
        await Portal.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Portal.DisposeAsync();
        await Peer.DisposeAsync();
    }
}

public sealed class SesEmailTests(SesPeer fixture) : IClassFixture<SesPeer>
{
    private sealed class FixedCredentials : IAwsCredentialSource
    {
        public Task<AwsCredentials> GetAsync(CancellationToken ct = default) => Task.FromResult(new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
    }

    private SesEmailSender Sender(string prefix)
    {
        var handler = new SigV4Handler(new FixedCredentials(), "us-west-2", SesEmailSender.SigningName, TimeProvider.System) { InnerHandler = new HttpClientHandler() };
        var http = new HttpClient(handler) { BaseAddress = fixture.Peer.Url };
        var options = new EmailOptions { From = "Arc Portal <no-reply@arc.test>", SesTemplatePrefix = prefix };
        return new SesEmailSender(http, options, fixture.Portal.Services.GetRequiredService<IArcDataFactory>(), TimeProvider.System);
    }

    private async Task<JsonObject> StoreAsync()
    {
        using var http = new HttpClient { BaseAddress = fixture.Peer.Url };
        return (await http.GetFromJsonAsync<JsonObject>("store"))!;
    }

    [Fact]
    public async Task A_templated_email_is_created_in_ses_sent_and_rendered_exactly_as_the_outbox_rendered_it()
    {
        var prefix = $"T{Guid.NewGuid():N}"[..12] + "_";
        var sender = Sender(prefix);
        var data = TemplateRenderer.TemplateData(new JsonObject
        {
            ["name"] = "Ann & <Bo>", ["email"] = "ann@example.com", ["temporaryPassword"] = "Tmp-Passw0rd!", ["signInUrl"] = "http://127.0.0.1:5080/", ["validDays"] = 7,
        });
        var template = EmailTemplates.Defaults.Single(t => t.Name == EmailTemplates.UserInvitation);
        var email = new RenderedEmail(1, "ann@example.com", template.Name, data, TemplateRenderer.Render(template.Subject, data),
            TemplateRenderer.Render(template.Text, data), TemplateRenderer.Render(template.Html, data));

        var messageId = await sender.SendAsync(email, CancellationToken.None);

        var store = await StoreAsync();
        Assert.Equal(template.Html, store["templates"]![prefix + template.Name]!["TemplateContent"]!["Html"]!.GetValue<string>());
        var sent = store["emails"]!.AsArray().Single(e => e!["messageId"]!.GetValue<string>() == messageId)!;
        Assert.Equal("ann@example.com", sent["destination"]!["to"]![0]!.GetValue<string>());
        Assert.Equal(email.Subject, sent["subject"]!.GetValue<string>());
        Assert.Equal(email.Html, sent["body"]!["html"]!.GetValue<string>());
        Assert.Equal(email.Text, sent["body"]!["text"]!.GetValue<string>());
        Assert.Contains("Hello Ann &amp; &lt;Bo&gt;,", email.Html, StringComparison.Ordinal);
        Assert.Contains("Hello Ann & <Bo>,", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_queued_email_reaches_ses_with_its_secret_while_the_outbox_row_holds_only_a_marker()
    {
        var prefix = $"S{Guid.NewGuid():N}"[..12] + "_";
        var to = $"ses-{Guid.NewGuid():N}@example.com";
        await using var scope = fixture.Portal.Services.CreateAsyncScope();
        await using var data = scope.ServiceProvider.GetRequiredService<IArcDataFactory>().Open();
        // Queued but never saved: only this test delivers it.
        var queued = await scope.ServiceProvider.GetRequiredService<EmailOutbox>().QueueAsync(data, to, EmailTemplates.PasswordReset,
            new { name = "Ann", code = "482913", validMinutes = 15, resetUrl = "http://127.0.0.1:5080/account/forgot-password" });
        Assert.DoesNotContain("482913", string.Join("|", queued.Subject, queued.Text, queued.Html, queued.Data, queued.SealedSecrets), StringComparison.Ordinal);

        var revealed = await scope.ServiceProvider.GetRequiredService<OutboxSecrets>().RevealAsync(queued);
        var messageId = await Sender(prefix).SendAsync(revealed, CancellationToken.None);

        var sent = (await StoreAsync())["emails"]!.AsArray().Single(e => e!["messageId"]!.GetValue<string>() == messageId)!;
        Assert.Contains("choose a new password: 482913", sent["body"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(revealed.Text, sent["body"]!["text"]!.GetValue<string>());
        Assert.Equal(revealed.Html, sent["body"]!["html"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_edited_template_is_updated_in_ses_before_the_next_send()
    {
        var prefix = $"U{Guid.NewGuid():N}"[..12] + "_";
        await using (var db = fixture.Portal.CreateDb())
        {
            var template = await db.EmailTemplateSet.SingleAsync(t => t.Name == EmailTemplates.BackfillComplete);
            template.Subject = "Backfill for {{vin}} done (edited)";
            await db.SaveChangesAsync();
        }
        var data = new JsonObject { ["vin"] = "DEV-7F7ATR310PER00001", ["file"] = "a.ndjson", ["vehicleUrl"] = "http://x/" };
        var sender = Sender(prefix);

        await sender.SendAsync(new RenderedEmail(2, "ops@example.com", EmailTemplates.BackfillComplete, data, "", "", ""), CancellationToken.None);

        var store = await StoreAsync();
        Assert.Equal("Backfill for {{vin}} done (edited)", store["templates"]![prefix + EmailTemplates.BackfillComplete]!["TemplateContent"]!["Subject"]!.GetValue<string>());
        Assert.Contains(store["emails"]!.AsArray(), e => e!["subject"]!.GetValue<string>() == "Backfill for DEV-7F7ATR310PER00001 done (edited)");
    }

    [Fact]
    public async Task A_refused_send_is_reported_with_the_services_reason()
    {
        var sender = Sender("V_");
        var error = await Assert.ThrowsAsync<NotFoundException>(() =>
            sender.SendAsync(new RenderedEmail(3, "a@example.com", "no_such_template", [], "", "", ""), CancellationToken.None));
        Assert.Contains("no_such_template", error.Message, StringComparison.Ordinal);
    }
}
