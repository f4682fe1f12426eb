using System.Text;
using Arc.Domain.Intake;
using Arc.Domain.Telemetry;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Arc.Portal.Tests.Integration.Intake.IntakeTestData;

namespace Arc.Portal.Tests.Integration.Intake;

/// <summary>The intake pipeline on the real PostgreSQL and InfluxDB: what is written, what is refused and how it is counted.</summary>
public sealed class IntakePipelineTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly TelemetryPoint Soc = TelemetryPoint.Parse("bms_pack_soc");
    private IIntakePipeline Pipeline => portal.Services.GetRequiredService<IIntakePipeline>();
    private ITelemetryStore Store => portal.Services.GetRequiredService<ITelemetryStore>();

    [Fact]
    public async Task A_message_is_written_at_its_device_time_and_counted_with_its_lag()
    {
        var vin = await NewVehicleAsync(portal);
        var at = DateTimeOffset.UtcNow.AddSeconds(-3);

        var outcome = await Pipeline.SendAsync(Message(Body(vin, (at.AddSeconds(-1), 60), (at, 61.5))));

        Assert.Equal(IntakeResult.Written, outcome.Result);
        var latest = await Store.LatestAsync(vin, [Soc, TelemetryPoint.Parse("gps_latitude")]);
        Assert.Equal(61.5, latest["bms_pack_soc"].Value);
        Assert.Equal(at.ToUnixTimeMilliseconds(), latest["bms_pack_soc"].Time.ToUnixTimeMilliseconds());
        Assert.Equal(44.05, latest["gps_latitude"].Value);
        var stats = await StatsAsync(portal, vin);
        Assert.NotNull(stats);
        Assert.Equal((1, 1, 2, 0, 0), (stats.Received, stats.Written, stats.Points, stats.Late, stats.Refused));
        Assert.Equal(at.ToUnixTimeMilliseconds(), stats.LastSeen!.Value.ToUnixTimeMilliseconds());
        Assert.InRange(stats.LastLagMs!.Value, 2_000, 60_000);
    }

    [Fact]
    public async Task A_redelivered_message_is_a_duplicate_and_is_not_written_again()
    {
        var vin = await NewVehicleAsync(portal);
        var body = Body(vin, (DateTimeOffset.UtcNow.AddSeconds(-5), 40));

        var first = await Pipeline.SendAsync(Message(body, IntakeSource.Sqs, id: "m-1"));
        var again = await Pipeline.SendAsync(Message(body, IntakeSource.Sqs, attempt: 2, id: "m-1"));

        Assert.Equal((IntakeResult.Written, IntakeResult.Duplicate), (first.Result, again.Result));
        Assert.True(again.Settled, "A queue may delete a duplicate.");
        var stats = await StatsAsync(portal, vin);
        Assert.Equal((2, 1, 1), (stats!.Received, stats.Written, stats.Duplicate));
    }

    [Fact]
    public async Task A_late_point_is_written_and_counted_but_never_replaces_the_newer_latest_value()
    {
        var vin = await NewVehicleAsync(portal);
        var now = DateTimeOffset.UtcNow;

        await Pipeline.SendAsync(Message(Body(vin, (now.AddSeconds(-2), 80))));
        var late = await Pipeline.SendAsync(Message(Body(vin, (now.AddMinutes(-30), 20))));

        Assert.Equal(IntakeResult.Written, late.Result);
        Assert.Equal(80, (await Store.LatestAsync(vin, [Soc]))["bms_pack_soc"].Value);
        var series = await Store.SeriesAsync(vin, Soc, TelemetryRange.Create(now.AddHours(-1), now, now));
        Assert.Contains(series.Points, p => p.Value == 20);
        var stats = await StatsAsync(portal, vin);
        Assert.Equal((2, 1), (stats!.Written, stats.Late));
        Assert.Equal(now.AddSeconds(-2).ToUnixTimeMilliseconds(), stats.LastSeen!.Value.ToUnixTimeMilliseconds());
    }

    public static TheoryData<string, string> Refusals() => new()
    {
        { "{not json", "not valid JSON" },
        { "[1,2,3]", "not a JSON object" },
        { "{\"data\":[]}", "names no VIN" },
        { "{\"vin\":\"NOT-A-VIN\",\"data\":[]}", "is not a VIN here" },
        { "{\"vin\":\"@vin\",\"data\":[{\"bms_pack_soc\":1}]}", "needs a timestamp" },
        { "{\"vin\":\"@vin\",\"data\":[{\"bms_pack_soc\":1,\"timestamp\":\"@future\"}]}", "ahead of the portal's clock" },
        { "{\"vin\":\"@vin\",\"data\":[{\"speed\\\" = 1 OR \\\"x\":1,\"timestamp\":\"@now\"}]}", "is not a telemetry point name" },
        { "{\"vin\":\"@vin\",\"data\":[{\"gps_position\":12,\"timestamp\":\"@now\"}]}", "wrong type" },
        { "{\"vin\":\"@vin\",\"data\":[{\"timestamp\":\"@now\"}]}", "holds no telemetry values" },
        { "{\"vin\":\"@vin\",\"data\":\"lots\"}", "needs a data list" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_bad_message_is_refused_with_its_reason_on_record_and_nothing_written(string template, string reason)
    {
        var vin = await NewVehicleAsync(portal);
        var body = template.Replace("@vin", vin, StringComparison.Ordinal).Replace("@future", Stamp(DateTimeOffset.UtcNow.AddHours(2)), StringComparison.Ordinal)
            .Replace("@now", Stamp(DateTimeOffset.UtcNow), StringComparison.Ordinal);

        var outcome = await Pipeline.SendAsync(Message(body));

        Assert.Equal(IntakeResult.Refused, outcome.Result);
        Assert.Contains(reason, outcome.Reason, StringComparison.Ordinal);
        Assert.True(outcome.Settled, "A queue deletes a refused message: it can never be written.");
        Assert.Empty(await Store.LatestAsync(vin, [Soc, TelemetryPoint.Parse("gps_latitude")]));
        await StatsAsync(portal, vin);
        await using var db = portal.CreateDb();
        Assert.Contains(await db.Set<IntakeRefusal>().AsNoTracking().Where(r => r.Body!.StartsWith(body.Substring(0, Math.Min(body.Length, 40)))).ToListAsync(),
            r => r.Reason.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_or_oversized_message_is_refused_and_the_vin_gets_no_row_of_its_own()
    {
        var unknown = "DEV-" + Arc.Infrastructure.Seeding.DemoData.MakeVin('W', 'P', 99_990);
        var refused = await Pipeline.SendAsync(Message(Body(unknown, (DateTimeOffset.UtcNow, 50))));
        var vin = await NewVehicleAsync(portal);
        var huge = await Pipeline.SendAsync(Message("{\"vin\":\"" + vin + "\",\"pad\":\"" + new string('x', 300 * 1024) + "\"}"));

        Assert.Equal((IntakeResult.Refused, IntakeResult.Refused), (refused.Result, huge.Result));
        Assert.Contains("is not a provisioned vehicle", refused.Reason, StringComparison.Ordinal);
        Assert.Contains("at most 262,144 are accepted", huge.Reason, StringComparison.Ordinal);
        Assert.Null(await StatsAsync(portal, unknown));
        Assert.Empty(await Store.LatestAsync(unknown, [Soc]));
    }

    [Fact]
    public async Task A_record_with_env_prefix_gets_the_environment_prefix_and_topic_and_device_must_agree_with_its_vin()
    {
        var vin = await NewVehicleAsync(portal);
        var bare = vin["DEV-".Length..];
        var body = $"{{\"vin\":\"{bare}\",\"env_prefix\":true,\"data\":[{{\"bms_pack_soc\":33,\"timestamp\":\"{Stamp(DateTimeOffset.UtcNow.AddSeconds(-1))}\"}}]}}";

        Assert.Equal(IntakeResult.Written, (await Pipeline.SendAsync(Message(body))).Result);
        Assert.Equal(33, (await Store.LatestAsync(vin, [Soc]))["bms_pack_soc"].Value);

        var other = await NewVehicleAsync(portal);
        var wrongTopic = await Pipeline.SendAsync(Message(Body(vin, (DateTimeOffset.UtcNow, 1)), topic: IntakeTopics.Telemetry(other)));
        var wrongDevice = await Pipeline.SendAsync(Message(Body(vin, (DateTimeOffset.UtcNow, 1))) with { DeviceVin = other });
        Assert.Equal((IntakeResult.Refused, IntakeResult.Refused), (wrongTopic.Result, wrongDevice.Result));
        Assert.Contains("came from", wrongDevice.Reason, StringComparison.Ordinal);
        Assert.Equal(33, (await Store.LatestAsync(vin, [Soc]))["bms_pack_soc"].Value);
    }

    [Fact]
    public async Task Many_messages_at_once_are_all_written_and_accounted_for()
    {
        var vins = new List<string>();
        for (var i = 0; i < 5; i++)
            vins.Add(await NewVehicleAsync(portal));
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        var pending = new List<Task<IntakeOutcome>>();
        for (var m = 0; m < 400; m++)
            pending.Add(await Pipeline.EnqueueAsync(Message(Body(vins[m % 5], (start.AddSeconds(m), m % 100), (start.AddSeconds(m).AddMilliseconds(500), m % 100 + 0.5)))));

        var outcomes = await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(outcomes, o => Assert.Equal(IntakeResult.Written, o.Result));
        foreach (var vin in vins)
        {
            var stats = await StatsAsync(portal, vin);
            Assert.Equal((80, 80, 160), (stats!.Received, stats.Written, stats.Points));
            var series = await portal.Services.GetRequiredService<ITelemetryStore>().RawRowsAsync(vin, [Soc], start.AddSeconds(-1), start.AddMinutes(8)).CountAsync();
            Assert.Equal(160, series);
        }
    }
}
