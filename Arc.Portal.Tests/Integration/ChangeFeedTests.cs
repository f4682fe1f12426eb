using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Arc.Domain.Changes;
using Arc.Domain.Permissions;
using Arc.Domain.Shadows;
using Arc.Infrastructure.Changes;
using Arc.Infrastructure.DevServices;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Bunit;
using Npgsql;

namespace Arc.Portal.Tests.Integration;

/// <summary>Two portal nodes on one database: node A's changes reach pages open on node B, pushed by PostgreSQL.</summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public PortalServer A { get; } = new();
    public PortalServer B { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await A.InitializeAsync();
        B = new PortalServer { NodeOf = A };
        await B.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
    }
}

public sealed class ChangeFeedTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_shadow_written_on_node_A_appears_on_a_sync_tab_open_on_node_B_within_a_second()
    {
        var vin = "DEV-" + DemoData.MakeVin('T', 'L', 19);
        await using var ctx = await ComponentHost.CreateAsync(nodes.B, Perm.VehicleRead);
        var tab = ctx.RenderWithProviders<VehicleSyncTab>(p => p.Add(c => c.Vin, vin));
        tab.WaitForAssertion(() => Assert.NotEmpty(tab.FindAll("table")), TimeSpan.FromSeconds(10));

        var probe = "probe-" + Guid.NewGuid().ToString("N")[..8];
        var clock = Stopwatch.StartNew();
        await nodes.A.Services.GetRequiredService<IDeviceShadows>()
            .UpdateAsync(vin, new ShadowUpdate(null, new JsonObject { ["arc_probe"] = probe }));
        tab.WaitForAssertion(() => Assert.Contains(probe, tab.Markup, StringComparison.Ordinal), Second);
        Assert.True(clock.Elapsed < Second, $"took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_change_published_on_one_node_reaches_subscribers_on_both()
    {
        var key = "DEV-" + DemoData.MakeVin('T', 'L', 22);
        var onA = new TaskCompletionSource();
        var onB = new TaskCompletionSource();
        using var a = nodes.A.Services.GetRequiredService<IChangeFeed>().Subscribe(ChangeTopics.Telemetry, key, () => { onA.TrySetResult(); return Task.CompletedTask; });
        using var b = nodes.B.Services.GetRequiredService<IChangeFeed>().Subscribe(ChangeTopics.Telemetry, key, () => { onB.TrySetResult(); return Task.CompletedTask; });
        using var other = nodes.B.Services.GetRequiredService<IChangeFeed>().Subscribe(ChangeTopics.Telemetry, key + "X",
            () => throw new InvalidOperationException("another key was announced"));

        nodes.A.Services.GetRequiredService<IChangeFeed>().Publish(new Change(ChangeTopics.Telemetry, key));

        await Task.WhenAll(onA.Task, onB.Task).WaitAsync(Second);
        Assert.DoesNotContain(nodes.B.Log.Entries, e => e.Contains("subscriber failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Telemetry_written_on_one_node_is_announced_to_the_other()
    {
        var vin = "DEV-" + DemoData.MakeVin('T', 'L', 19);
        var announced = new TaskCompletionSource();
        using var _ = nodes.B.Services.GetRequiredService<IChangeFeed>().Subscribe(ChangeTopics.Telemetry, vin,
            () => { announced.TrySetResult(); return Task.CompletedTask; });
        await nodes.A.Services.GetRequiredService<Arc.Domain.Telemetry.ITelemetryStore>().WriteAsync(
            [new Arc.Domain.Telemetry.TelemetrySample(vin, DateTimeOffset.UtcNow, new Dictionary<string, double> { ["bms_pack_soc"] = 42 })]);
        await announced.Task.WaitAsync(Second);
    }

    [Fact]
    public async Task Work_queued_for_a_vehicle_is_announced_when_its_transaction_commits()
    {
        var vin = "DEV-" + DemoData.MakeVin('T', 'L', 19);
        var announced = new TaskCompletionSource();
        using var _ = nodes.B.Services.GetRequiredService<IChangeFeed>().Subscribe(ChangeTopics.VehicleSideEffects, vin,
            () => { announced.TrySetResult(); return Task.CompletedTask; });
        await using var scope = nodes.A.Services.CreateAsyncScope();
        await using var data = scope.ServiceProvider.GetRequiredService<Arc.Domain.Common.IArcDataFactory>().Open();
        scope.ServiceProvider.GetRequiredService<Arc.Domain.SideEffects.Outbox>().PublishShadow(data, vin, "change-feed-test");
        await Task.Delay(300);
        Assert.False(announced.Task.IsCompleted, "announced before the transaction committed");
        await data.SaveChangesAsync();
        await announced.Task.WaitAsync(Second);
    }

    [Fact]
    public async Task After_losing_its_connection_the_feed_listens_again_and_tells_every_page_to_read_again()
    {
        var feed = nodes.B.Services.GetRequiredService<PostgresChangeFeed>();
        var key = "DEV-" + DemoData.MakeVin('T', 'L', 24);
        var calls = 0;
        using var _ = feed.Subscribe(ChangeTopics.VehicleShadow, key, () => { Interlocked.Increment(ref calls); return Task.CompletedTask; });
        var before = feed.Connections;

        // The database drops every listener (a failover, a restart, an idle-connection killer would do the same).
        await using (var connection = new NpgsqlConnection(nodes.A.ConnectionString))
        {
            await connection.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'arc-portal-change-feed' AND datname = current_database()",
                connection);
            Assert.True((long)(await kill.ExecuteScalarAsync())! >= 2);
        }

        await Eventually.ReturnsAsync(() => Task.FromResult((feed.Connections, Volatile.Read(ref calls))),
            seen => seen.Connections > before && seen.Item2 >= 1, TimeSpan.FromSeconds(10), "A reconnect and a call to read again");
        // Listening again: a later change still arrives.
        var arrived = new TaskCompletionSource();
        using var later = feed.Subscribe(ChangeTopics.VehicleShadow, key + "-after", () => { arrived.TrySetResult(); return Task.CompletedTask; });
        await Eventually.ReturnsAsync(async () =>
        {
            nodes.A.Services.GetRequiredService<IChangeFeed>().Publish(new Change(ChangeTopics.VehicleShadow, key + "-after"));
            return await Task.WhenAny(arrived.Task, Task.Delay(300)) == arrived.Task;
        }, arrivedNow => arrivedNow, TimeSpan.FromSeconds(10), "A change after the reconnect");
    }

    [Fact]
    public void No_component_looks_at_the_database_on_a_timer()
    {
        var components = Path.Combine(EmbeddedServers.RepositoryRoot(AppContext.BaseDirectory), "Arc.Portal", "Components");
        var timers = new Regex(@"PeriodicTimer|new\s+(System\.Threading\.)?Timer\b|Task\.Delay\(");
        var offenders = Directory.EnumerateFiles(components, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => timers.IsMatch(File.ReadAllText(f)))
            .Select(Path.GetFileName).ToList();
        Assert.True(offenders.Count == 0, "These components poll; use <LiveRefresh> instead: " + string.Join(", ", offenders));
    }
}
