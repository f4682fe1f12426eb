using Arc.Infrastructure.DevServices;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Arc.Portal.Tests.Support;

/// <summary>
/// One throw-away PostgreSQL and InfluxDB for the whole test run, started by the same code as the portal's embedded
/// default and stopped when the run ends. Each test class gets its own database in that server.
/// </summary>
public static class TestServers
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static EmbeddedServers? _servers;
    private static string? _directory;
    private static int _databases;

    public static async Task<EmbeddedServers> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_servers is null)
            {
                _directory = Path.Combine(Path.GetTempPath(), "arc-tests-" + Guid.NewGuid().ToString("N")[..8]);
                _servers = await EmbeddedServers.StartAsync(_directory, postgres: true, influx: true,
                    new DevServicesOptions { PostgresPort = 0, InfluxPort = 0, Database = "arc_tests" }, throwAway: true);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAsync().GetAwaiter().GetResult();
                StartWatchdog(_servers, _directory);
            }
            return _servers;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// A new database on the shared server, at the current schema; returns its connection string. Each is a copy of one
    /// template the run migrates once (PostgreSQL copies its files), which spares every test class the forty-odd
    /// migrations; the template's own migration, from an empty database, is the run's check that they apply.
    /// </summary>
    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var servers = await GetAsync();
        var template = await Template.Value;
        var name = $"t{Interlocked.Increment(ref _databases)}_{new string(purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(30).ToArray())}";
        var builder = new NpgsqlConnectionStringBuilder(servers.Postgres!.ConnectionString);
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        builder.Database = name;
        return builder.ConnectionString;
    }

    private static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync);

    private static async Task<string> CreateTemplateAsync()
    {
        const string name = "t0_template";
        var servers = await GetAsync();
        var builder = new NpgsqlConnectionStringBuilder(servers.Postgres!.ConnectionString);
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        // Pooling off: PostgreSQL copies a template only while nobody is connected to it.
        builder.Database = name;
        builder.Pooling = false;
        var options = new DbContextOptionsBuilder<ArcDbContext>()
            .UseNpgsql(builder.ConnectionString, o => o.MigrationsAssembly("Arc.Migrations"))
            .UseSnakeCaseNamingConvention().Options;
        await using (var db = new ArcDbContext(options))
            await db.Database.MigrateAsync();
        return name;
    }

    /// <summary>
    /// The test host may be killed before its exit handler finishes; a detached watchdog then stops the servers the
    /// tests started, as soon as the host is gone.
    /// </summary>
    private static void StartWatchdog(EmbeddedServers servers, string directory)
    {
        var host = Environment.ProcessId;
        var script = $"while kill -0 {host} 2>/dev/null; do sleep 1; done; " +
                     $"kill -9 {servers.Influx!.ProcessId} 2>/dev/null; {servers.Postgres!.EmergencyStopCommand} >/dev/null 2>&1; rm -rf '{directory}'";
        var info = new System.Diagnostics.ProcessStartInfo("setsid", ["bash", "-c", script])
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
        };
        using var watchdog = System.Diagnostics.Process.Start(info);
    }

    /// <summary>Makes sure a helper process the tests started dies with the test host, even if the host is killed.</summary>
    public static void Track(int processId)
    {
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null && kill -0 {processId} 2>/dev/null; do sleep 1; done; kill -9 {processId} 2>/dev/null";
        var info = new System.Diagnostics.ProcessStartInfo("setsid", ["bash", "-c", script])
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
        };
        using var watchdog = System.Diagnostics.Process.Start(info);
    }

    private static async Task StopAsync()
    {
        if (_servers is null)
            return;
        await _servers.DisposeAsync();
        _servers = null;
        try
        {
            Directory.Delete(_directory!, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up with the rest of /tmp.
        }
        catch (UnauthorizedAccessException)
        {
            // Files owned by the postgres user; same as above.
        }
    }
}
