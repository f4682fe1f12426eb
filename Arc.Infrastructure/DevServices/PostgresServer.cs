using System.Globalization;
using System.Security.Cryptography;
using Npgsql;

namespace Arc.Infrastructure.DevServices;

/// <summary>
/// A project-local PostgreSQL started from the machine's binaries, on loopback only. As root the server runs as
/// the <c>postgres</c> user, because PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string SuperUser = "arc";
    private readonly string _pgCtl;
    private readonly string? _runAs;
    private bool _stopped;
    private bool _throwAway;

    private PostgresServer(string dataDirectory, string pgCtl, string? runAs, int port, string connectionString)
    {
        DataDirectory = dataDirectory;
        _pgCtl = pgCtl;
        _runAs = runAs;
        Port = port;
        ConnectionString = connectionString;
    }

    public string DataDirectory { get; }
    public int Port { get; }
    public string ConnectionString { get; }

    /// <param name="directory">Where the cluster lives; created and initialised on first use.</param>
    /// <param name="port">0 picks a free port.</param>
    /// <param name="throwAway">Test instances trade durability for speed (no fsync).</param>
    public static async Task<PostgresServer> StartAsync(string directory, int port, string database, bool throwAway,
        CancellationToken ct = default)
    {
        var bin = FindBinDirectory();
        var runAs = ProcessRunner.IsRoot ? "postgres" : null;
        directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(directory);
        if (runAs is not null)
            directory = await ReachableDirectoryAsync(directory, runAs, ct);
        var dataDir = Path.Combine(directory, "pgdata");
        var passwordFile = Path.Combine(directory, "postgres.password");
        if (!File.Exists(passwordFile))
        {
            await File.WriteAllTextAsync(passwordFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), ct);
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var password = (await File.ReadAllTextAsync(passwordFile, ct)).Trim();
        if (!File.Exists(Path.Combine(dataDir, "PG_VERSION")))
        {
            var pwTemp = Path.Combine(directory, ".initdb-pw");
            await File.WriteAllTextAsync(pwTemp, password, ct);
            if (runAs is not null)
                await ProcessRunner.RequireAsync("chown", [runAs, pwTemp], ct: ct);
            try
            {
                await ProcessRunner.RequireAsync(Path.Combine(bin, "initdb"),
                    ["-D", dataDir, "-U", SuperUser, $"--pwfile={pwTemp}", "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"],
                    runAs, ct);
            }
            finally
            {
                File.Delete(pwTemp);
            }
        }

        var pgCtl = Path.Combine(bin, "pg_ctl");
        // A server left running by a process that died is stopped before we start our own.
        var (status, _) = await ProcessRunner.RunAsync(pgCtl, ["-D", dataDir, "status"], runAs, ct: ct);
        if (status == 0)
            await ProcessRunner.RunAsync(pgCtl, ["-D", dataDir, "-m", "immediate", "-w", "stop"], runAs, ct: ct);

        if (port == 0 || !ProcessRunner.PortIsFree(port))
            port = ProcessRunner.FreePort();
        var options = string.Join(' ',
            $"-p {port.ToString(CultureInfo.InvariantCulture)}",
            "-h 127.0.0.1",
            $"-c unix_socket_directories={dataDir}",
            "-c max_connections=200",
            throwAway ? "-c fsync=off -c synchronous_commit=off -c full_page_writes=off" : "");
        await ProcessRunner.RequireAsync(pgCtl,
            ["-D", dataDir, "-l", Path.Combine(directory, "postgres.log"), "-w", "-t", "60", "-o", options, "start"], runAs, ct);

        var admin = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = SuperUser,
            Password = password,
            Database = "postgres",
        };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", database);
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "", StringComparison.Ordinal)}\"", connection);
                await create.ExecuteNonQueryAsync(ct);
            }
        }
        admin.Database = database;
        return new PostgresServer(dataDir, pgCtl, runAs, port, admin.ConnectionString) { _throwAway = throwAway };
    }

    /// <summary>A shell command that stops this server without a checkpoint, for a watchdog outliving its starter.</summary>
    public string EmergencyStopCommand =>
        $"{(_runAs is null ? "" : $"runuser -u {_runAs} -- ")}{_pgCtl} -D '{DataDirectory}' -m immediate -w stop";

    public async ValueTask DisposeAsync()
    {
        if (_stopped)
            return;
        _stopped = true;
        NpgsqlConnection.ClearAllPools();
        // A throw-away cluster needs no checkpoint on the way out.
        await ProcessRunner.RunAsync(_pgCtl, ["-D", DataDirectory, "-m", _throwAway ? "immediate" : "fast", "-w", "-t", "30", "stop"], _runAs);
    }

    /// <summary>
    /// The server runs as another user, who must be able to reach the folder. A checkout under a private home
    /// folder (e.g. /root) is not reachable, so the cluster then lives in a folder of its own under /var/tmp.
    /// </summary>
    private static async Task<string> ReachableDirectoryAsync(string directory, string runAs, CancellationToken ct)
    {
        await ProcessRunner.RequireAsync("chown", [runAs, directory], ct: ct);
        var (code, _) = await ProcessRunner.RunAsync("test", ["-w", directory], runAs, ct: ct);
        if (code == 0)
            return directory;
        var hash = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(directory)))[..12].ToLowerInvariant();
        var fallback = Path.Combine("/var/tmp", $"arc-portal-pg-{hash}");
        Directory.CreateDirectory(fallback);
        await ProcessRunner.RequireAsync("chown", [runAs, fallback], ct: ct);
        return fallback;
    }

    private static string FindBinDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("ARC_PG_BIN");
        if (!string.IsNullOrEmpty(configured))
            return configured;
        const string root = "/usr/lib/postgresql";
        var candidates = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .ToList()
            : [];
        return candidates.FirstOrDefault()
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries were not found under /usr/lib/postgresql. Install them with 'apt-get install -y postgresql' or set ARC_PG_BIN.");
    }
}
