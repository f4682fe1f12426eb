using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using Arc.Infrastructure.DevServices;

namespace Arc.Bench;

/// <summary>
/// The portal as built next to the bench (same configuration), in a child process of its own, in Development with the
/// demo data, on the bench's throw-away servers. Its own process, so what it is measured to hold is the portal's alone.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    public const string AdminEmail = "admin@arc.bench";
    public const string AdminPassword = "Bench-Passw0rd!";

    private readonly Process _process;
    private readonly string _directory;

    private PortalProcess(Process process, Uri baseAddress, string directory) =>
        (_process, BaseAddress, _directory) = (process, baseAddress, directory);

    public Uri BaseAddress { get; }
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromMinutes(2) };

    public static async Task<PortalProcess> StartAsync(EmbeddedServers servers, string directory,
        IReadOnlyDictionary<string, string>? overrides = null)
    {
        var root = EmbeddedServers.RepositoryRoot(AppContext.BaseDirectory);
        // bin/<configuration>/<framework>/ of the bench, and so of the portal the same build produced.
        var framework = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var dll = Path.Combine(root, "Arc.Portal", "bin", framework.Parent!.Name, framework.Name, "Arc.Portal.dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException($"No portal build at {dll}; build the solution (or bench/Arc.Bench) first.", dll);
        var address = new Uri($"http://127.0.0.1:{FreePort()}/");
        Directory.CreateDirectory(directory);
        var info = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet", [dll])
        {
            WorkingDirectory = Path.Combine(root, "Arc.Portal"),
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/'),
            ["ConnectionStrings__Portal"] = servers.Postgres!.ConnectionString,
            ["Telemetry__Url"] = servers.Influx!.Url.ToString(),
            // A key of its own, and mail kept in the run's directory: nothing is written into the checkout.
            ["KeyVault__MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Email__PickupDirectory"] = Path.Combine(directory, "mail"),
            ["Portal__Admin__Email"] = AdminEmail,
            ["Portal__Admin__Password"] = AdminPassword,
            // The telemetry simulator would first write a month of history; the pages measured do not chart it.
            ["TelemetrySimulator__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Error",
        };
        foreach (var (key, value) in settings.Concat(overrides ?? new Dictionary<string, string>()))
            info.Environment[key] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException("The portal did not start.");
        var log = new StreamWriter(Path.Combine(directory, "portal.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        StopWithParent(process.Id);
        var portal = new PortalProcess(process, address, directory);
        try
        {
            await portal.WaitUntilHealthyAsync(TimeSpan.FromMinutes(3));
        }
        catch
        {
            // What the portal said is the only clue; show it before its directory goes.
            await portal.StopAsync();
            Console.Error.WriteLine(File.ReadAllText(Path.Combine(directory, "portal.log")));
            await portal.DisposeAsync();
            throw;
        }
        return portal;
    }

    public int ProcessId => _process.Id;

    /// <summary>The portal's managed heap after a full collection, and its resident memory, from its Development endpoint.</summary>
    public async Task<(long Managed, long Resident)> MemoryAsync()
    {
        var memory = await Http.GetFromJsonAsync<MemoryReport>(new Uri(BaseAddress, "_diag/memory"))
            ?? throw new InvalidOperationException("The portal gave no memory report.");
        return (memory.ManagedBytes, memory.RssBytes);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await StopAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up with the rest of /tmp.
        }
    }

    private async Task StopAsync()
    {
        if (_process.HasExited)
            return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The portal exited with code {_process.ExitCode} before it answered.");
            try
            {
                using var response = await Http.GetAsync(new Uri(BaseAddress, "health"));
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"The portal did not become healthy within {timeout.TotalSeconds:F0} s.");
            await Task.Delay(250);
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
            return;
        lock (log)
            log.WriteLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A bench that is killed cannot stop its portal; a detached watchdog does, once the bench is gone.</summary>
    private static void StopWithParent(int processId)
    {
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null && kill -0 {processId} 2>/dev/null; do sleep 1; done; kill -9 {processId} 2>/dev/null";
        var info = new ProcessStartInfo("setsid", ["bash", "-c", script])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        using var watchdog = Process.Start(info);
    }

    private sealed record MemoryReport(long ManagedBytes, long RssBytes);
}
