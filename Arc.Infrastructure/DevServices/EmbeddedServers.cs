namespace Arc.Infrastructure.DevServices;

/// <summary>
/// The embedded default: a local PostgreSQL and InfluxDB started together and stopped together. The portal uses it
/// in Development when no connection strings are configured; the tests use it for throw-away servers.
/// </summary>
public sealed class EmbeddedServers : IAsyncDisposable
{
    private EmbeddedServers(PostgresServer? postgres, InfluxServer? influx)
    {
        Postgres = postgres;
        Influx = influx;
    }

    public PostgresServer? Postgres { get; }
    public InfluxServer? Influx { get; }

    public static async Task<EmbeddedServers> StartAsync(string directory, bool postgres, bool influx, DevServicesOptions options,
        bool throwAway, CancellationToken ct = default)
    {
        var pgTask = postgres
            ? PostgresServer.StartAsync(Path.Combine(directory, "postgres"), options.PostgresPort, options.Database, throwAway, ct)
            : Task.FromResult<PostgresServer?>(null)!;
        var ixTask = influx
            ? InfluxServer.StartAsync(Path.Combine(directory, "influxdb"), options.InfluxPort, throwAway, ct)
            : Task.FromResult<InfluxServer?>(null)!;
        try
        {
            await Task.WhenAll(pgTask, ixTask);
            return new EmbeddedServers(await pgTask, await ixTask);
        }
        catch
        {
            // Whichever server did start is stopped again before the failure is reported.
            if (pgTask.IsCompletedSuccessfully && pgTask.Result is { } pg)
                await pg.DisposeAsync();
            if (ixTask.IsCompletedSuccessfully && ixTask.Result is { } ix)
                await ix.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Influx is not null)
            await Influx.DisposeAsync();
        if (Postgres is not null)
            await Postgres.DisposeAsync();
    }

    /// <summary>The repository root: the nearest folder upwards that holds Arc.Portal.sln (else the current folder).</summary>
    public static string RepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Arc.Portal.sln")))
                return dir.FullName;
        }
        return start;
    }
}
