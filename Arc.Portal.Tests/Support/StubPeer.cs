using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Arc.Portal.Tests.Support;

/// <summary>
/// A peer on a loopback port that answers every request with the status and body it was last told to, for tests of how
/// an adapter reads a refusal or a failure.
/// </summary>
public sealed class StubPeer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile Tuple<HttpStatusCode, string> _answer = Tuple.Create(HttpStatusCode.OK, "{}");

    private StubPeer(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = default!;

    public static async Task<StubPeer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var peer = new StubPeer(builder.Build());
        peer._app.Run(peer.AnswerAsync);
        await peer._app.StartAsync();
        peer.Url = new Uri(peer._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
        return peer;
    }

    /// <summary>Answers from now on with this status and body.</summary>
    public StubPeer Answer(HttpStatusCode status, string body)
    {
        _answer = Tuple.Create(status, body);
        return this;
    }

    /// <summary>A loopback address nothing listens on: the port was free a moment ago and is closed again.</summary>
    public static Uri DeadUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var (status, body) = _answer;
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = body.StartsWith('{') ? "application/json" : "text/html";
        await context.Response.WriteAsync(body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
