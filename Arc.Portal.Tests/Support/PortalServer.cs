using Arc.Domain.Permissions;
using Arc.Domain.Users;
using Arc.Infrastructure.DevServices;
using Arc.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Arc.Portal.Tests.Support;

/// <summary>
/// The real portal on Kestrel at 127.0.0.1 (random port), on its own database in the shared test servers, seeded
/// with the demo data and a known administrator.
/// </summary>
public sealed class PortalServer : IAsyncLifetime
{
    public const string AdminEmail = "admin@arc.test";
    public const string AdminPassword = "Adm1n-Passw0rd!";
    public const string UserPassword = "Us3r-Passw0rd!";

    private WebApplication? _app;

    /// <summary>The plain HTTP endpoint that pages and most tests use.</summary>
    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>Every endpoint the portal listens on (a fixture may add an HTTPS one through Kestrel settings).</summary>
    public IReadOnlyList<string> Addresses { get; private set; } = [];
    public ServerLog Log { get; } = new();
    public IServiceProvider Services => _app!.Services;
    public string ConnectionString { get; private set; } = "";

    /// <summary>Where the portal delivers email (its pickup directory), with the secrets the outbox keeps sealed.</summary>
    public Mailbox Mailbox { get; private set; } = default!;

    /// <summary>Extra settings for a fixture that needs them (set before InitializeAsync).</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>The hosting environment (set before InitializeAsync); outside Development the portal behaves as in production.</summary>
    public string Environment { get; set; } = "Development";

    /// <summary>Services a fixture puts in before the portal's own (set before InitializeAsync).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>Services that replace the portal's own, registered after them (set before InitializeAsync).</summary>
    public Action<IServiceCollection>? ReplaceServices { get; set; }

    /// <summary>Another portal whose database this one joins as a second node (set before InitializeAsync).</summary>
    public PortalServer? NodeOf { get; set; }

    /// <summary>The key this portal seals secrets with; a second node uses the first node's.</summary>
    public string MasterKey { get; private set; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>Endpoints a fixture adds to the built portal, after its own (set before InitializeAsync).</summary>
    public Action<WebApplication>? ConfigureApp { get; set; }

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        ConnectionString = NodeOf?.ConnectionString ?? await TestServers.CreateDatabaseAsync(GetType().Name + Guid.NewGuid().ToString("N")[..6]);
        MasterKey = NodeOf?.MasterKey ?? MasterKey;
        var root = EmbeddedServers.RepositoryRoot(AppContext.BaseDirectory);
        Mailbox = new Mailbox(this, Directory.CreateTempSubdirectory("arc-mail-").FullName);
        _app = PortalApp.Build(new WebApplicationOptions
        {
            ApplicationName = "Arc.Portal",
            EnvironmentName = Environment,
            ContentRootPath = Path.Combine(root, "Arc.Portal"),
        }, builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.AddProvider(Log);
            ConfigureServices?.Invoke(builder.Services);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Portal"] = ConnectionString,
                ["Telemetry:Url"] = servers.Influx!.Url.ToString(),
                ["Telemetry:MaxValuesPerTag"] = "2000000",
                // Counts reach the intake page within a fraction of a second; a failed write is retried quickly.
                ["Intake:FlushInterval"] = "00:00:00.200",
                ["Intake:WriteRetryDelay"] = "00:00:00.020",
                ["Portal:Environment"] = "dev",
                // Each test portal seals with a key of its own and never writes into the checkout's .data directory.
                ["KeyVault:MasterKey"] = MasterKey,
                ["Email:PickupDirectory"] = Mailbox.Directory,
                // Generated files (insurer exports) go to a directory of this portal's own, never the checkout's .data.
                ["Files:Directory"] = Path.Combine(Mailbox.Directory, "files"),
                ["Portal:DemoData"] = "true",
                ["Portal:Admin:Email"] = AdminEmail,
                ["Portal:Admin:Password"] = AdminPassword,
                // Tests write the telemetry they look at; the demo simulator would write a month of it into the shared store.
                ["TelemetrySimulator:Enabled"] = "false",
                // Test portals run side by side; the broker's tests turn it on with ports the system chooses.
                ["Mqtt:Enabled"] = "false",
                // Campaign tests play the vehicles themselves; a fixture that wants the simulator to play them turns this on.
                ["DeviceSimulator:PlayFirmwareUpdates"] = "false",
                ["Jobs:WorkerCount"] = "1",
                ["Portal:SignIn:PermitsPerMinute"] = "1000",
                // Side effects are retried within a second, and an interrupted provisioning run is found within seconds.
                ["Portal:Outbox:FirstDelay"] = "00:00:00.200",
                ["Portal:Outbox:MaxDelay"] = "00:00:01",
                ["Portal:Outbox:PollInterval"] = "00:00:00.250",
                ["Portal:Sagas:Lease"] = "00:00:10",
                ["Portal:Sagas:RecoveryInterval"] = "00:00:00.500",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
                // EF logs its probe of the migrations table on a new database as an error; it is not one.
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Critical",
            });
            // Outside Development the portal takes its API token keys from configuration, as a deployment gives them.
            if (Environment != "Development")
                builder.Configuration.AddInMemoryCollection(TestTokenCertificates.Settings());
            builder.Configuration.AddInMemoryCollection(Settings);
        }, ReplaceServices);
        ConfigureApp?.Invoke(_app);
        await PortalApp.InitializeAsync(_app);
        await _app.StartAsync();
        Addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => a.TrimEnd('/')).ToList();
        BaseAddress = new Uri(Addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)) + "/");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (Mailbox is not null && Directory.Exists(Mailbox.Directory))
            Directory.Delete(Mailbox.Directory, recursive: true);
        // Npgsql keeps idle pooled connections for minutes; dozens of finished test portals would otherwise hold the
        // shared server's connection slots (busy connections elsewhere are only closed when they are returned).
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    /// <summary>
    /// Waits until the outbox worker has carried out every side effect queued so far (rows that keep failing, with at
    /// least one failed attempt, are left to the test to judge).
    /// </summary>
    public async Task SideEffectsSettledAsync(TimeSpan? timeout = null)
    {
        await Eventually.ReturnsAsync(async () =>
        {
            await using var db = CreateDb();
            return await db.SideEffectSet.CountAsync(s => s.Attempts == 0);
        }, n => n == 0, timeout ?? TimeSpan.FromSeconds(15), "the outbox worker finishing its queue");
    }

    public ArcDbContext CreateDb() => Services.GetRequiredService<IDbContextFactory<ArcDbContext>>().CreateDbContext();

    /// <summary>A service scope acting as the given user, through the same current-user code the pages use.</summary>
    public async Task<AsyncServiceScope> AsUserAsync(string? username)
    {
        var scope = Services.CreateAsyncScope();
        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
        if (username is not null)
        {
            await using var db = CreateDb();
            var user = await db.UserSet.AsNoTracking().SingleAsync(u => u.Username == username);
            var session = await scope.ServiceProvider.GetRequiredService<SessionKeeper>().StartAsync(user.Username, user.SecurityStamp, "test", "127.0.0.1");
            principal = Arc.Portal.Auth.PortalClaims.For(user, session);
        }
        scope.ServiceProvider.GetRequiredService<Arc.Portal.Auth.PortalCurrentUser>().UsePrincipal(principal);
        return scope;
    }

    public async Task<string> AdminUsernameAsync()
    {
        await using var db = CreateDb();
        return await db.UserSet.Where(u => u.Email == AdminEmail).Select(u => u.Username).SingleAsync();
    }

    /// <summary>Creates an enabled local account in the given permission groups (by machine name) and returns its username.</summary>
    public async Task<string> CreateUserAsync(string email, params string[] groups)
    {
        await using var db = CreateDb();
        var user = new User
        {
            Username = Guid.NewGuid().ToString(),
            Email = email.ToLowerInvariant(),
            DisplayName = email.Split('@')[0],
            PasswordHash = Services.GetRequiredService<IPasswordHashing>().Hash(UserPassword),
            Created = DateTimeOffset.UtcNow,
        };
        db.UserSet.Add(user);
        foreach (var group in groups)
            db.GroupMemberSet.Add(new GroupMember { Username = user.Username, GroupId = SeedGroups.ByMachineName(group).Id });
        await db.SaveChangesAsync();
        return user.Username;
    }

    /// <summary>Makes the user a member of an authority (what a member of it would do on the authority page).</summary>
    public async Task AddAuthorityMemberAsync(string username, int authorityId)
    {
        await using var db = CreateDb();
        db.AuthorityMemberSet.Add(new Arc.Domain.Authorities.AuthorityMember { AuthorityId = authorityId, Username = username });
        await db.SaveChangesAsync();
    }

    /// <summary>Creates a permission group with exactly these permissions and returns its id.</summary>
    public async Task<int> CreateGroupAsync(string name, params string[] permissions)
    {
        await using var db = CreateDb();
        var group = new PermissionGroup { Name = name, MachineName = name.ToLowerInvariant().Replace(' ', '_') };
        db.GroupSet.Add(group);
        await db.SaveChangesAsync();
        foreach (var permission in permissions)
            db.GroupPermissionSet.Add(new GroupPermission { GroupId = group.Id, Permission = permission });
        await db.SaveChangesAsync();
        return group.Id;
    }

    /// <summary>Puts an existing user into a permission group by id.</summary>
    public async Task AddToGroupAsync(string username, int groupId)
    {
        await using var db = CreateDb();
        db.GroupMemberSet.Add(new GroupMember { Username = username, GroupId = groupId });
        await db.SaveChangesAsync();
    }
}
