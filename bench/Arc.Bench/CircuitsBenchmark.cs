using System.Diagnostics;
using Arc.Infrastructure.DevServices;
using Microsoft.Playwright;
using Npgsql;

namespace Arc.Bench;

/// <summary>
/// What open vehicle pages cost the portal: its managed heap and resident memory per open page (one Blazor circuit
/// each), and the database transactions the open pages cause per minute while nobody touches them. The portal runs in
/// a child process, the pages in headless Chromium, one browser context each, signed in as the same administrator.
/// </summary>
public static class CircuitsBenchmark
{
    public static async Task RunAsync(BenchRun run)
    {
        var pages = (int)run.Size(100, 3);
        var idle = run.Pick(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(3));
        var directory = BenchRun.TempDirectory();
        await using var servers = await EmbeddedServers.StartAsync(Path.Combine(directory, "servers"), postgres: true, influx: true,
            new DevServicesOptions { PostgresPort = 0, InfluxPort = 0, Database = "arc_bench" }, throwAway: true);
        await using var portal = await PortalProcess.StartAsync(servers, Path.Combine(directory, "portal"));
        var database = servers.Postgres!.ConnectionString;
        var vin = await FirstVinAsync(database);
        var cookies = await SignInAsync(portal);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("ARC_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        async Task<string> OpenAsync()
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.BaseAddress.ToString() });
            context.SetDefaultTimeout(120_000);
            await context.AddCookiesAsync(cookies);
            var page = await context.NewPageAsync();
            await page.GotoAsync($"vehicles/{vin}?tab=sync");
            // Pages are not prerendered: the sync status only appears once the circuit is up and has loaded the shadow.
            await page.GetByTestId("sync-status").WaitForAsync();
            return await page.GetByTestId("sync-status").InnerTextAsync();
        }

        // The portal alone (signed in, no page open), then one page that pays for what the first page loads once.
        var alone = await IdleTransactionsPerMinuteAsync(database, idle);
        var status = await OpenAsync();
        var before = await portal.MemoryAsync();
        var clock = Stopwatch.StartNew();
        using (var gate = new SemaphoreSlim(4))
        {
            await Task.WhenAll(Enumerable.Range(0, pages).Select(async _ =>
            {
                await gate.WaitAsync();
                try
                {
                    await OpenAsync();
                }
                finally
                {
                    gate.Release();
                }
            }));
        }
        var opening = clock.Elapsed;
        // Let what opening the pages did settle (PostgreSQL publishes an idle backend's counters within about 10 s).
        await Task.Delay(run.Pick(TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(1)));
        var after = await portal.MemoryAsync();
        var open = await IdleTransactionsPerMinuteAsync(database, idle);

        Console.WriteLine($"Opened {pages} vehicle pages (vehicles/{vin}?tab=sync) in {opening.TotalSeconds:F1} s, after one warm-up page (its sync status: {status}).");
        Console.WriteLine($"Portal memory: managed {Mb(before.Managed)} -> {Mb(after.Managed)} MB, resident {Mb(before.Resident)} -> {Mb(after.Resident)} MB");
        Console.WriteLine($"Database transactions per minute while idle: {alone:F0} with no page open, {open:F0} with {pages + 1} pages open");
        run.Figure("pages", pages);
        run.Figure("open_s", opening.TotalSeconds);
        run.Figure("bytes_per_page_managed", (after.Managed - before.Managed) / (double)pages);
        run.Figure("bytes_per_page_rss", (after.Resident - before.Resident) / (double)pages);
        run.Figure("managed_bytes_before", before.Managed);
        run.Figure("rss_bytes_before", before.Resident);
        run.Figure("idle_db_tx_per_min_no_pages", alone);
        run.Figure("idle_db_tx_per_min", open - alone);
        run.Figure("idle_db_tx_per_min_per_page", (open - alone) / (pages + 1));
    }

    /// <summary>
    /// Committed transactions in the portal's database per minute over the window (each statement outside an explicit
    /// transaction is one), less the sampling query's own.
    /// </summary>
    private static async Task<double> IdleTransactionsPerMinuteAsync(string connectionString, TimeSpan window)
    {
        var start = await CommittedAsync(connectionString);
        var clock = Stopwatch.StartNew();
        await Task.Delay(window);
        var end = await CommittedAsync(connectionString);
        return (end - start - 1) / clock.Elapsed.TotalMinutes;
    }

    private static async Task<long> CommittedAsync(string connectionString)
    {
        // Not pooled, so the sample is not held back in a pooled backend's unpublished counters.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string> FirstVinAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT vin FROM main.vehicle ORDER BY vin LIMIT 1", connection);
        return (string?)await command.ExecuteScalarAsync() ?? throw new InvalidOperationException("The demo data has no vehicle.");
    }

    /// <summary>Signs in once through the sign-in form; every page's browser context carries the same session cookie.</summary>
    private static async Task<Cookie[]> SignInAsync(PortalProcess portal)
    {
        using var client = Arc.Portal.Tests.Support.HttpSignIn.Client(portal.BaseAddress);
        using var response = await Arc.Portal.Tests.Support.HttpSignIn.PostAsync(client, PortalProcess.AdminEmail, PortalProcess.AdminPassword);
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0].Split('=', 2)).ToList() : [];
        if ((int)response.StatusCode is < 300 or >= 400 || !cookies.Any(c => c[0] == "arc.session"))
            throw new InvalidOperationException($"Signing in as {PortalProcess.AdminEmail} failed: {(int)response.StatusCode}.");
        return cookies.Select(c => new Cookie { Name = c[0], Value = c[1], Url = portal.BaseAddress.ToString() }).ToArray();
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
}
