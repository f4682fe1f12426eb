using Arc.Domain.Common;
using Arc.Domain.Email;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

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
