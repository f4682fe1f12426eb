using System.Diagnostics;
using System.Globalization;

namespace Arc.Infrastructure.DevServices;

/// <summary>A project-local InfluxDB 1.x (Debian's <c>influxd</c>) listening on loopback only.</summary>
public sealed class InfluxServer : IAsyncDisposable
{
    /// <summary>The embedded server's limit on VINs (tag values); production servers are configured by their owners (README).</summary>
    public const long EmbeddedMaxValuesPerTag = 2_000_000;

    private readonly Process _process;
    private readonly string _pidFile;

    private readonly bool _throwAway;

    private InfluxServer(Process process, Uri url, string pidFile, bool throwAway)
    {
        _process = process;
        Url = url;
        _pidFile = pidFile;
        _throwAway = throwAway;
    }

    public Uri Url { get; }

    public int ProcessId => _process.Id;

    /// <param name="throwAway">A test instance is killed outright on disposal: its data is not kept, and a test host
    /// that is shutting down has no time to wait for a graceful stop.</param>
    public static async Task<InfluxServer> StartAsync(string directory, int httpPort, bool throwAway = false, CancellationToken ct = default)
    {
        var influxd = FindInfluxd();
        directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(directory);
        var pidFile = Path.Combine(directory, "influxd.pid");
        StopLeftover(pidFile);

        if (httpPort == 0 || !ProcessRunner.PortIsFree(httpPort))
            httpPort = ProcessRunner.FreePort();
        var rpcPort = ProcessRunner.FreePort();
        var config = Path.Combine(directory, "influxdb.conf");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $"""
            reporting-disabled = true
            bind-address = "127.0.0.1:{rpcPort}"

            [meta]
              dir = "{directory}/meta"

            [data]
              dir = "{directory}/data"
              wal-dir = "{directory}/wal"
              query-log-enabled = false
              # The default of 100,000 would refuse the 100,001st VIN; a fleet outgrows it.
              max-values-per-tag = {EmbeddedMaxValuesPerTag}

            [http]
              enabled = true
              bind-address = "127.0.0.1:{httpPort}"
              log-enabled = false

            [logging]
              level = "warn"

            [monitor]
              store-enabled = false

            [continuous_queries]
              enabled = true
              log-enabled = false
            """), ct);

        var info = new ProcessStartInfo(influxd, ["-config", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start influxd.");
        var log = new StreamWriter(Path.Combine(directory, "influxd.log"), append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.Exited += (_, _) => { lock (log) log.Dispose(); };
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await File.WriteAllTextAsync(pidFile, process.Id.ToString(CultureInfo.InvariantCulture), ct);

        var url = new Uri($"http://127.0.0.1:{httpPort}/");
        var server = new InfluxServer(process, url, pidFile, throwAway);
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"influxd exited during start-up; see {directory}/influxd.log.");
            try
            {
                using var ping = await http.GetAsync("ping", ct);
                if (ping.IsSuccessStatusCode)
                    return server;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // The ping timed out; try again.
            }
            if (DateTime.UtcNow > deadline)
            {
                await server.DisposeAsync();
                throw new TimeoutException("influxd did not answer /ping within 60 seconds.");
            }
            await Task.Delay(100, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited && _throwAway)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        if (!_process.HasExited)
        {
            ProcessRunner.Terminate(_process.Id);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
        File.Delete(_pidFile);
    }

    private static void StopLeftover(string pidFile)
    {
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile), out var pid))
            return;
        try
        {
            using var old = Process.GetProcessById(pid);
            if (old.ProcessName.Contains("influxd", StringComparison.Ordinal))
            {
                old.Kill();
                old.WaitForExit(10_000);
            }
        }
        catch (ArgumentException)
        {
            // That process is gone already.
        }
        File.Delete(pidFile);
    }

    private static string FindInfluxd()
    {
        var configured = Environment.GetEnvironmentVariable("ARC_INFLUXD");
        if (!string.IsNullOrEmpty(configured))
            return configured;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':').Append("/usr/bin"))
        {
            var path = Path.Combine(dir, "influxd");
            if (File.Exists(path))
                return path;
        }
        throw new InvalidOperationException("influxd was not found. Install it with 'apt-get install -y influxdb' or set ARC_INFLUXD.");
    }
}
