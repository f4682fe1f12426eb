using System.Globalization;
using Arc.Domain.Intake;
using Arc.Domain.Telemetry;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration.Intake;

/// <summary>A portal configured to read an SQS queue (local-aws-sqs), created before the portal starts as in production.</summary>
public sealed class SqsPortal : IAsyncLifetime
{
    public SqsPeer Peer { get; } = new();
    public PortalServer Portal { get; } = new();
    public TestQueue Queue { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await Peer.InitializeAsync();
        Queue = await Peer.CreateQueueAsync("arc-telemetry");
        Portal.Settings["Intake:Sqs:Enabled"] = "true";
        Portal.Settings["Intake:Sqs:QueueUrl"] = Queue.Url.AbsoluteUri;
        Portal.Settings["Intake:Sqs:ServiceUrl"] = Peer.Url.AbsoluteUri;
        Portal.Settings["Intake:Sqs:WaitTimeSeconds"] = "1";
        Portal.Settings["Intake:Sqs:VisibilityTimeout"] = "5";
        Portal.Settings["Intake:Sqs:ReceiveLoops"] = "2";
        await Portal.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Portal.DisposeAsync();
        await Peer.DisposeAsync();
    }
}

public sealed class SqsIntakePortalTests(SqsPortal fixture) : IClassFixture<SqsPortal>
{
    // Demo vehicles no other test reports for (plan entries 17 and 22 of the seed).
    private static readonly string Bare = DemoData.MakeVin('B', 'M', 138);
    private static readonly string Vin = "DEV-" + Bare;
    private static readonly string OtherBare = DemoData.MakeVin('R', 'N', 173);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static string Body(string bareVin, DateTimeOffset at, double speed) =>
        $$"""{"vin":"{{bareVin}}","env_prefix":true,"data":[{"timestamp":"{{at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)}}","speed":{{speed.ToString(CultureInfo.InvariantCulture)}}}]}""";

    private Task<IReadOnlyDictionary<string, LatestValue>> LatestSpeedAsync(string vin) =>
        fixture.Portal.Services.GetRequiredService<ITelemetryStore>().LatestAsync(vin, [TelemetryPoint.Parse("speed")]);

    private async Task<IntakeVehicleStats?> StatsAsync(string vin)
    {
        await using var db = fixture.Portal.CreateDb();
        return await db.Set<IntakeVehicleStats>().AsNoTracking().SingleOrDefaultAsync(s => s.Vin == vin);
    }

    [Fact]
    public async Task A_body_in_the_old_format_on_the_queue_becomes_the_vehicles_latest_values_and_leaves_the_queue()
    {
        var at = DateTimeOffset.UtcNow.AddSeconds(-5);
        var speed = Random.Shared.Next(10_000, 99_999) / 100.0;
        await fixture.Queue.SendAsync(Body(Bare, at, speed));

        var latest = await Eventually.ReturnsAsync(() => LatestSpeedAsync(Vin), l => l.TryGetValue("speed", out var v) && v.Value == speed, Patience,
            "the point becoming readable");
        Assert.Equal(at.ToUnixTimeMilliseconds(), latest["speed"].Time.ToUnixTimeMilliseconds());
        await Eventually.ReturnsAsync(fixture.Queue.CountAsync, c => c == (0, 0), Patience, "the written message being deleted");
        await Eventually.ReturnsAsync(() => StatsAsync(Vin), s => s is { Written: > 0 }, Patience, "the vehicle's written count");
    }

    [Fact]
    public async Task An_unknown_vin_and_malformed_json_are_refused_with_their_reasons_deleted_and_counted()
    {
        var stranger = DemoData.MakeVin('T', 'L', 98_765);
        var before = await RefusedAsync();
        await fixture.Queue.SendAsync(Body(stranger, DateTimeOffset.UtcNow, 12));
        await fixture.Queue.SendAsync("""{"vin":"7F7A""");

        var refusals = await Eventually.ReturnsAsync(async () =>
        {
            await using var db = fixture.Portal.CreateDb();
            return await db.Set<IntakeRefusal>().AsNoTracking().Where(r => r.Source == "sqs").Select(r => r.Reason).ToListAsync();
        }, r => r.Any(x => x.Contains("not a provisioned vehicle", StringComparison.Ordinal)) && r.Any(x => x.Contains("not valid JSON", StringComparison.Ordinal)),
            Patience, "both refusals on the intake page");
        Assert.Contains(refusals, r => r.Contains("DEV-" + stranger, StringComparison.Ordinal));
        await Eventually.ReturnsAsync(RefusedAsync, n => n >= before + 2, Patience, "the refusals being counted");
        await Eventually.ReturnsAsync(fixture.Queue.CountAsync, c => c == (0, 0), Patience, "the refused messages being deleted");
        Assert.Empty(await LatestSpeedAsync("DEV-" + stranger));
        Assert.Equal((0, 0), await fixture.Queue.DeadLetterCountAsync());
    }

    [Fact]
    public async Task A_message_delivered_again_after_it_was_written_writes_nothing_twice()
    {
        var vin = "DEV-" + OtherBare;
        var body = Body(OtherBare, DateTimeOffset.UtcNow.AddSeconds(-3), 77.5);
        await fixture.Queue.SendAsync(body);
        var written = await Eventually.ReturnsAsync(() => StatsAsync(vin), s => s is { Written: > 0 }, Patience, "the first delivery being written");

        // The same message again, as SQS delivers it when a delete got lost.
        await fixture.Queue.SendAsync(body);
        var again = await Eventually.ReturnsAsync(() => StatsAsync(vin), s => s!.Duplicate > written!.Duplicate, Patience, "the second delivery being recognised");
        Assert.Equal(written!.Written, again!.Written);
        Assert.Equal(written.Points, again.Points);
        await Eventually.ReturnsAsync(fixture.Queue.CountAsync, c => c == (0, 0), Patience, "the duplicate being deleted");
    }

    private async Task<long> RefusedAsync()
    {
        await using var db = fixture.Portal.CreateDb();
        return await db.Set<IntakeInterval>().SumAsync(i => i.Refused);
    }
}
