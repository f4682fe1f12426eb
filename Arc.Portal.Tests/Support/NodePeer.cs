using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Arc.Infrastructure.DevServices;

namespace Arc.Portal.Tests.Support;

/// <summary>
/// A protocol peer from npm (aws-ses-v2-local, cognito-local, oidc-provider), started on a free loopback port for a
/// test class and stopped with it (and by the test run's watchdog if the run dies).
/// </summary>
public sealed class NodePeer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private NodePeer(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        Directory = directory;
    }

    public int Port { get; }
    public Uri Url => new($"http://127.0.0.1:{Port}/");
    /// <summary>A scratch directory the peer runs in (cognito-local keeps its database here).</summary>
    public string Directory { get; }
    public string Output { get { lock (_output) return string.Join('\n', _output); } }

    public static string ToolsDirectory => Path.Combine(EmbeddedServers.RepositoryRoot(AppContext.BaseDirectory), "tools", "node_modules");

    /// <summary>Starts <c>node script args</c> and waits until <paramref name="readyPath"/> answers on the port.</summary>
    public static async Task<NodePeer> StartAsync(string script, Func<int, string[]> args, string readyPath, Dictionary<string, string>? environment = null,
        int? port = null)
    {
        var chosen = port ?? FreePort();
        var directory = Path.Combine(Path.GetTempPath(), "arc-tests-peer-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(directory);
        var info = new ProcessStartInfo("node") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(ToolsDirectory, script));
        foreach (var arg in args(chosen))
            info.ArgumentList.Add(arg);
        info.Environment["PORT"] = chosen.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["HOST"] = "127.0.0.1";
        foreach (var (key, value) in environment ?? [])
            info.Environment[key] = value;
        var process = Process.Start(info)!;
        var peer = new NodePeer(process, chosen, directory);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (peer._output) peer._output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (peer._output) peer._output.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        TestServers.Track(process.Id);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{script} stopped at start: {peer.Output}");
            try
            {
                using var response = await http.GetAsync(new Uri(peer.Url, readyPath));
                if ((int)response.StatusCode < 500)
                    return peer;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                await peer.DisposeAsync();
                throw new TimeoutException($"{script} did not answer on port {chosen}: {peer.Output}");
            }
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
