using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Arc.Domain.Email;
using Arc.Infrastructure.Email;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration;

/// <summary>The SMTP adapter against a real SMTP server: Python's standard-library debugging server, which prints what it receives.</summary>
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
        var sender = new SmtpEmailSender(new EmailOptions { SmtpHost = "127.0.0.1", SmtpPort = _port, SmtpSecurity = "none", From = "Arc Portal <no-reply@arc.test>" });
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
        var sender = new SmtpEmailSender(new EmailOptions { SmtpHost = "127.0.0.1", SmtpPort = 1, SmtpSecurity = "none" });
        await Assert.ThrowsAnyAsync<Exception>(() =>
            sender.SendAsync(new RenderedEmail(2, "ann@example.com", EmailTemplates.PasswordReset, new JsonObject(), "s", "t", "h"), CancellationToken.None));
    }
}
