using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Arc.Domain.Common;
using Arc.Domain.Email;
using Arc.Infrastructure.Email;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>
/// The SMTP adapter against a real SMTP server: Python's standard-library debugging server, which prints what it
/// receives and offers no STARTTLS (so the tests that deliver to it say <c>None</c> explicitly).
/// </summary>
public sealed class SmtpTests : IAsyncLifetime
{
    private Process? _server;
    private readonly List<string> _received = [];
    private int _port;

    public async Task InitializeAsync()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            _port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var script = "import smtpd, asyncore, sys; smtpd.DebuggingServer(('127.0.0.1', int(sys.argv[1])), None); asyncore.loop()";
        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-u");
        info.ArgumentList.Add("-W");
        info.ArgumentList.Add("ignore");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(_port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _server = Process.Start(info)!;
        _server.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_received) _received.Add(e.Data); };
        _server.BeginOutputReadLine();
        TestServers.Track(_server.Id);
        await Eventually.ReturnsAsync(AcceptsConnectionsAsync, open => open, TimeSpan.FromSeconds(10), "The SMTP server accepting connections");
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, _port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill();
            await _server.WaitForExitAsync();
        }
        _server?.Dispose();
    }

    [Fact]
    public async Task An_email_is_delivered_over_smtp_with_its_text_and_html_parts()
    {
        var sender = new SmtpEmailSender(new EmailOptions { SmtpHost = "127.0.0.1", SmtpPort = _port, SmtpSecurity = SmtpTransportSecurity.None, From = "Arc Portal <no-reply@arc.test>" });
        var id = await sender.SendAsync(new RenderedEmail(1, "ann@example.com", EmailTemplates.PasswordReset, [], "Your code", "Code: 123456", "<p>Code: <b>123456</b></p>"),
            CancellationToken.None);

        Assert.False(string.IsNullOrEmpty(id));
        var all = await Eventually.ReturnsAsync(() => { lock (_received) return Task.FromResult(string.Join('\n', _received)); },
            text => text.Contains("END MESSAGE", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "The SMTP server printing the message");
        Assert.Contains("Subject: Your code", all, StringComparison.Ordinal);
        Assert.Contains("To: ann@example.com", all, StringComparison.Ordinal);
        Assert.Contains("Code: 123456", all, StringComparison.Ordinal);
        Assert.Contains("text/html", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_is_an_error_the_outbox_retries()
    {
        var sender = new SmtpEmailSender(new EmailOptions { SmtpHost = "127.0.0.1", SmtpPort = 1, SmtpSecurity = SmtpTransportSecurity.None });
        await Assert.ThrowsAnyAsync<Exception>(() =>
            sender.SendAsync(new RenderedEmail(2, "ann@example.com", EmailTemplates.PasswordReset, new JsonObject(), "s", "t", "h"), CancellationToken.None));
    }

    [Fact]
    public async Task By_default_a_server_that_does_not_offer_starttls_gets_no_mail_and_a_clear_error()
    {
        var sender = new SmtpEmailSender(new EmailOptions { SmtpHost = "127.0.0.1", SmtpPort = _port, From = "Arc Portal <no-reply@arc.test>" });

        var error = await Assert.ThrowsAsync<ServiceUnavailableException>(() =>
            sender.SendAsync(new RenderedEmail(3, "ann@example.com", EmailTemplates.PasswordReset, [], "Your code", "Code: 654321", "<p>654321</p>"), CancellationToken.None));

        Assert.Contains("does not offer STARTTLS", error.Message, StringComparison.Ordinal);
        Assert.Contains("Email:SmtpSecurity", error.Message, StringComparison.Ordinal);
        Assert.IsType<NotSupportedException>(error.Cause);
        await Task.Delay(500);
        lock (_received)
            Assert.DoesNotContain(_received, line => line.Contains("654321", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_email_refused_for_want_of_starttls_stays_in_the_outbox_with_a_plain_reason_and_a_reference()
    {
        var portal = new PortalServer();
        portal.Settings["Email:Provider"] = "smtp";
        portal.Settings["Email:SmtpHost"] = "127.0.0.1";
        portal.Settings["Email:SmtpPort"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await portal.InitializeAsync();
        try
        {
            await RefusedEmailStaysInTheOutboxAsync(portal);
        }
        finally
        {
            await portal.DisposeAsync();
        }
    }

    private async Task RefusedEmailStaysInTheOutboxAsync(PortalServer portal)
    {
        long id;
        await using (var scope = portal.Services.CreateAsyncScope())
        await using (var data = scope.ServiceProvider.GetRequiredService<IArcDataFactory>().Open())
        {
            var email = await scope.ServiceProvider.GetRequiredService<EmailOutbox>().QueueAsync(data, "bo@example.com", EmailTemplates.PasswordReset,
                new { name = "Bo", code = "246810", validMinutes = 15 });
            await data.SaveChangesAsync();
            id = email.Id;
        }

        await using (var scope = portal.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetServices<Arc.Domain.Jobs.IBackgroundJob>().Single(j => j.Kind == DeliverOutboxEmails.JobKind).RunAsync(0, CancellationToken.None);

        await using var db = portal.CreateDb();
        var stored = await db.OutboxEmailSet.AsNoTracking().SingleAsync(e => e.Id == id);
        Assert.Equal(OutboxStatus.Pending, stored.Status);
        Assert.True(stored.Attempts >= 1);
        Assert.Null(stored.Sent);
        Assert.Contains("does not offer STARTTLS", stored.LastError, StringComparison.Ordinal);
        Assert.Matches(@"\(reference [A-Za-z0-9-]{8,64}\)\.$", stored.LastError!);
        // MailKit's own words and the exception's type are in the log, under the reference, and only there.
        Assert.DoesNotContain("NotSupportedException", stored.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("STARTTLS extension", stored.LastError, StringComparison.Ordinal);
        var reference = System.Text.RegularExpressions.Regex.Match(stored.LastError!, @"\(reference ([^)]+)\)").Groups[1].Value;
        Assert.Contains(portal.Log.Entries, e => e.Contains(reference, StringComparison.Ordinal) && e.Contains("NotSupportedException", StringComparison.Ordinal));
        lock (_received)
            Assert.DoesNotContain(_received, line => line.Contains("246810", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("tls")]
    [InlineData("1")]
    public void A_security_setting_that_names_no_mode_stops_the_portal_at_start(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Email:SmtpSecurity"] = value }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => EmailOptions.Read(configuration));
        Assert.Contains("StartTls, SslOnConnect, None", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, SmtpTransportSecurity.StartTls)]
    [InlineData("starttls", SmtpTransportSecurity.StartTls)]
    [InlineData("SslOnConnect", SmtpTransportSecurity.SslOnConnect)]
    [InlineData("None", SmtpTransportSecurity.None)]
    public void Starttls_is_the_default_and_other_modes_are_named(string? value, SmtpTransportSecurity expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Email:SmtpSecurity"] = value }).Build();
        Assert.Equal(expected, EmailOptions.Read(configuration).SmtpSecurity);
    }
}
