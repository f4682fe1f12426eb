using System.Diagnostics;
using Arc.Domain.Provisioning;
using Arc.Infrastructure.DevServices;
using Arc.Infrastructure.Persistence;
using Arc.Infrastructure.Provisioning;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Integration;

/// <summary>
/// The portal as its own process, started with <c>dotnet Arc.Portal.dll</c> on a database of the test servers, so
/// that a test can kill it with SIGKILL and start it again on the same data.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private PortalProcess(Process process) => _process = process;

    public string Output { get { lock (_output) return string.Join('\n', _output); } }

    public bool HasExited => _process.HasExited;

    public static async Task<PortalProcess> StartAsync(string connectionString, int port, string masterKey, Dictionary<string, string> settings)
    {
        var servers = await TestServers.GetAsync();
        var root = EmbeddedServers.RepositoryRoot(AppContext.BaseDirectory);
        var dll = Path.Combine(root, "Arc.Portal", "bin", "Debug", "net10.0", "Arc.Portal.dll");
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.Combine(root, "Arc.Portal"), RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["urls"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings__Portal"] = connectionString,
            ["Telemetry__Url"] = servers.Influx!.Url.ToString(),
            ["Portal__Environment"] = "dev",
            ["KeyVault__MasterKey"] = masterKey,
            ["Portal__DemoData"] = "true",
            ["Portal__Admin__Email"] = PortalServer.AdminEmail,
            ["Portal__Admin__Password"] = PortalServer.AdminPassword,
            ["Portal__SignIn__PermitsPerMinute"] = "1000",
            ["TelemetrySimulator__Enabled"] = "false",
            ["Portal__Sagas__Lease"] = "00:00:03",
            ["Portal__Sagas__RecoveryInterval"] = "00:00:00.500",
            ["Portal__Outbox__FirstDelay"] = "00:00:00.200",
            ["Portal__Outbox__PollInterval"] = "00:00:00.250",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
            environment[key] = value;
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        var process = Process.Start(info)!;
        var portal = new PortalProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (portal._output) portal._output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (portal._output) portal._output.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        TestServers.Track(process.Id);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The portal stopped at start: {portal.Output}");
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}/health")).IsSuccessStatusCode)
                    return portal;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The portal did not answer within 60 s: {portal.Output}");
            await Task.Delay(200);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}

/// <summary>
/// The crash drill of the issue: the portal process is killed with SIGKILL right after each provisioning step in turn,
/// and started again. Within a minute the interrupted run is rolled back (or, killed after its last step, found
/// complete), and the vehicle's rows, registry entry, certificates and shadow agree.
/// </summary>
[Trait("Category", "Fault")]
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly BrowserFixture _browser = new();

    public Task InitializeAsync() => _browser.InitializeAsync();

    public Task DisposeAsync() => _browser.DisposeAsync();

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record World(bool Vehicle, int Fleets, int Authorities, int Points, bool Pin, bool Thing, int Certificates, bool Shadow, int TrustedKeys,
        string? RunStatus, int Pending);

    private static async Task<World> WorldAsync(string connectionString, string vin)
    {
        var options = new DbContextOptionsBuilder<ArcDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options;
        await using var db = new ArcDbContext(options);
        // One snapshot for every read: the recovery may be working while they run.
        await using var snapshot = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        var shadow = await db.Set<Arc.Infrastructure.Shadows.StoredShadow>().Where(s => s.ThingName == vin).Select(s => s.Document).FirstOrDefaultAsync();
        var keys = shadow is null ? 0
            : System.Text.Json.Nodes.JsonNode.Parse(shadow)?["state"]?["desired"]?["trusted_keys"]?.AsArray().Count ?? 0;
        return new World(
            await db.VehicleSet.AnyAsync(v => v.Vin == vin),
            await db.FleetVehicleSet.CountAsync(f => f.Vin == vin),
            await db.VehicleAuthoritySet.CountAsync(a => a.Vin == vin),
            await db.TelemetryPointSet.CountAsync(p => p.Vin == vin),
            await db.AuthorityMetaSet.AnyAsync(m => m.Vin == vin),
            await db.Set<StoredThing>().AnyAsync(t => t.ThingName == vin),
            await db.Set<StoredCertificate>().CountAsync(c => c.ThingName == vin),
            shadow is not null,
            keys,
            await db.ProvisioningRunSet.Where(r => r.Vin == vin).OrderByDescending(r => r.Id).Select(r => r.Status).FirstOrDefaultAsync(),
            await db.SideEffectSet.CountAsync(s => s.Vin == vin));
    }

    private static async Task<string> RunRecordAsync(string connectionString, string vin)
    {
        var options = new DbContextOptionsBuilder<ArcDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options;
        await using var db = new ArcDbContext(options);
        var runs = await db.ProvisioningRunSet.Where(r => r.Vin == vin).OrderBy(r => r.Id).Include(r => r.Steps).ToListAsync();
        return string.Join('\n', runs.Select(r => $"run {r.Id} {r.Status} {r.Error}: " +
            string.Join("; ", r.Steps.OrderBy(s => s.Index).Select(s => $"{s.Name}={s.Status}{(s.State is null ? "" : " " + s.State)}"))));
    }

    private static readonly IReadOnlySet<string> SuiteSteps = new HashSet<string>
    {
        "provision_iot", "provision_iot_certificate", "provision_vehicle_authority", "set_telemetry_points", "factory_pin_generate",
        "update_shadow_document", "revoke_previous_certificate",
    };

    [Fact]
    public async Task Killed_after_any_step_the_run_is_rolled_back_or_complete_within_a_minute_and_everything_agrees()
    {
        var connectionString = await TestServers.CreateDatabaseAsync("crashdrill");
        var masterKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var port = FreePort();
        // The suite kills after each step that leaves something of its own to undo in a different store (registry,
        // certificate, authority rows, telemetry points, PIN, shadow) and after the last; scripts/drills.sh crash kills
        // after every step. Each kill costs a process start, and all fourteen would take a quarter of the suite's time.
        var steps = Environment.GetEnvironmentVariable("ARC_CRASH_DRILL_ALL") == "1"
            ? ProvisionVehicle.StepNames
            : ProvisionVehicle.StepNames.Where(SuiteSteps.Contains).ToList();
        Assert.Equal(SuiteSteps.Count, ProvisionVehicle.StepNames.Count(SuiteSteps.Contains)); // a renamed step is not silently skipped
        var context = await _browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = $"http://127.0.0.1:{port}/" });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        string? previousVin = null;
        var signedIn = false;
        var from = int.TryParse(Environment.GetEnvironmentVariable("ARC_CRASH_DRILL_FROM"), out var start) ? start : 0;
        for (var index = from; index <= steps.Count; index++)
        {
            var killAfter = index < steps.Count ? steps[index] : null;
            var settings = killAfter is null ? new Dictionary<string, string>() : new() { ["Portal__Faults__KillAfterStep"] = killAfter };
            await using var portal = await PortalProcess.StartAsync(connectionString, port, masterKey, settings);

            if (previousVin is not null)
            {
                // The new process finds the run the killed one left, and the outbox finishes what the rollback queued.
                var killedAfter = steps[index - 1];
                var world = await Eventually.ReturnsAsync(() => WorldAsync(connectionString, previousVin),
                    w => w.RunStatus is RunStatus.RolledBack or RunStatus.Succeeded && w.Pending == 0, TimeSpan.FromSeconds(60), $"recovery after {killedAfter}");
                output.WriteLine($"killed after {killedAfter}: {world}");
                output.WriteLine(await RunRecordAsync(connectionString, previousVin));
                if (world.RunStatus == RunStatus.Succeeded)
                {
                    Assert.Equal("revoke_previous_certificate", killedAfter);
                    Assert.Equal(new World(true, 1, 1, 16, true, true, 1, true, 1, RunStatus.Succeeded, 0), world);
                }
                else
                {
                    Assert.Equal(new World(false, 0, 0, 0, false, false, 0, false, 0, RunStatus.RolledBack, 0), world);
                }
            }
            if (killAfter is null)
                break;

            if (previousVin is not null)
            {
                // The page of the killed process reconnects to the new one and reloads itself; a fresh page (same
                // cookies) keeps that reload from interrupting the next navigation.
                await page.CloseAsync();
                page = await context.NewPageAsync();
            }
            if (!signedIn)
            {
                await page.GotoAsync("account/login");
                await page.FillAsync("#email", PortalServer.AdminEmail);
                await page.FillAsync("#password", PortalServer.AdminPassword);
                await page.ClickAsync("button[type=submit]");
                await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
                signedIn = true;
            }
            var bare = DemoData.MakeVin('D', 'R', 91_000 + index);
            previousVin = "DEV-" + bare;
            await page.GotoAsync("vehicles/provision");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Provision a vehicle" })).ToBeVisibleAsync();
            await page.FillAsync("#provision-vin", bare);
            await Expect(page.GetByText("Deliverator · model year 2024")).ToBeVisibleAsync();
            await page.GetByTestId("firmware-confirmed").ClickAsync();
            await page.GetByTestId("provision").ClickAsync();
            var exit = await portal.WaitForExitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(137, exit); // 128 + SIGKILL
            Assert.Contains($"Crash drill: killing the portal after step {killAfter}", portal.Output, StringComparison.Ordinal);
        }
    }
}
