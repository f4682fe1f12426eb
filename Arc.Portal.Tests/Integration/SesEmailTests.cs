using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Arc.Domain.Common;
using Arc.Domain.Email;
using Arc.Infrastructure.Aws;
using Arc.Infrastructure.Email;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

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
