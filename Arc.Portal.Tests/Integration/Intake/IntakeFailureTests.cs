using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Intake;
using Arc.Domain.Telemetry;
using Arc.Infrastructure.Intake;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Arc.Portal.Tests.Integration.Intake.IntakeTestData;

namespace Arc.Portal.Tests.Integration.Intake;

/// <summary>
/// The telemetry store failing under the intake: the pipeline is built on the portal's real services with a store that
/// can be switched off (a stand-in for InfluxDB being down), so what happens to each message can be watched.
/// </summary>
public sealed class IntakeFailureTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private sealed class SwitchableStore(ITelemetryStore real) : ITelemetryStore
    {
        public volatile bool Down;
        public int Writes;

        public Task WriteAsync(IReadOnlyList<TelemetrySample> samples, CancellationToken ct = default)
        {
            Interlocked.Increment(ref Writes);
            return Down ? throw new ServiceUnavailableException("The telemetry store is not answering.", new HttpRequestException("Connection refused")) : real.WriteAsync(samples, ct);
        }

        public Task<IReadOnlyDictionary<string, LatestValue>> LatestAsync(string vin, IReadOnlyList<TelemetryPoint> points, CancellationToken ct = default) => real.LatestAsync(vin, points, ct);
        public Task<TelemetrySeries> SeriesAsync(string vin, TelemetryPoint point, TelemetryRange range, CancellationToken ct = default) => real.SeriesAsync(vin, point, range, ct);
        public Task<IReadOnlyList<VehicleLatestState>> LatestStatesAsync(IReadOnlyList<string> vins, CancellationToken ct = default) => real.LatestStatesAsync(vins, ct);
        public Task<long> VinCountAsync(CancellationToken ct = default) => real.VinCountAsync(ct);
        public Task DownsampleAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default) => real.DownsampleAsync(from, to, ct);
        public IAsyncEnumerable<(DateTimeOffset Time, double?[] Values)> RawRowsAsync(string vin, IReadOnlyList<TelemetryPoint> points, DateTimeOffset from, DateTimeOffset to,
            CancellationToken ct = default) => real.RawRowsAsync(vin, points, from, to, ct);
    }

    private async Task<(IntakePipeline Pipeline, SwitchableStore Store)> StartAsync()
    {
        var store = new SwitchableStore(portal.Services.GetRequiredService<ITelemetryStore>());
        var pipeline = ActivatorUtilities.CreateInstance<IntakePipeline>(portal.Services, store);
        await pipeline.StartAsync(CancellationToken.None);
        return (pipeline, store);
    }

    [Fact]
    public async Task A_queue_message_fails_until_its_last_attempt_then_waits_in_the_dead_letter_store_and_a_redrive_writes_it()
    {
        var (pipeline, store) = await StartAsync();
        try
        {
            var vin = await NewVehicleAsync(portal);
            var body = Body(vin, (DateTimeOffset.UtcNow.AddSeconds(-1), 42));
            var id = Guid.NewGuid().ToString("N");
            store.Down = true;

            var outcomes = new List<IntakeOutcome>();
            for (var attempt = 1; attempt <= 5; attempt++)
                outcomes.Add(await pipeline.SendAsync(Message(body, IntakeSource.Sqs, attempt: attempt, id: id)));

            Assert.All(outcomes.Take(4), o => Assert.Equal(IntakeResult.Failed, o.Result));
            Assert.All(outcomes.Take(4), o => Assert.False(o.Settled, "The queue keeps a failed message for its next delivery."));
            Assert.Equal(IntakeResult.DeadLettered, outcomes[4].Result);
            Assert.True(store.Writes >= 5 * 4, "Each delivery retries the write before giving up.");
            await using (var db = portal.CreateDb())
            {
                var letter = await db.Set<IntakeDeadLetter>().AsNoTracking().SingleAsync(d => d.MessageId == id);
                Assert.Equal((DeadLetterStatus.Waiting, vin, "sqs"), (letter.Status, letter.Vin, letter.Source));
                Assert.Contains("did not accept the write", letter.Reason, StringComparison.Ordinal);
                Assert.Equal(body, System.Text.Encoding.UTF8.GetString(letter.Body));
            }
            var stats = await StatsAsync(portal, vin);
            Assert.Equal((0, 1), (stats!.Written, stats.DeadLettered));
            Assert.Empty(await portal.Services.GetRequiredService<ITelemetryStore>().LatestAsync(vin, [TelemetryPoint.Parse("bms_pack_soc")]));

            // Fixed: a person re-drives it through the portal's own pipeline.
            long letterId;
            await using (var db = portal.CreateDb())
                letterId = await db.Set<IntakeDeadLetter>().Where(d => d.MessageId == id).Select(d => d.Id).SingleAsync();
            await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
            var redriven = await scope.ServiceProvider.GetRequiredService<RedriveDeadLetter>().HandleAsync(letterId);

            Assert.Equal(IntakeResult.Written, redriven.Result);
            Assert.Equal(42, (await portal.Services.GetRequiredService<ITelemetryStore>().LatestAsync(vin, [TelemetryPoint.Parse("bms_pack_soc")]))["bms_pack_soc"].Value);
            await using (var db = portal.CreateDb())
            {
                var letter = await db.Set<IntakeDeadLetter>().AsNoTracking().SingleAsync(d => d.Id == letterId);
                Assert.Equal(DeadLetterStatus.Redriven, letter.Status);
                Assert.NotNull(letter.ResolvedBy);
                Assert.True(await db.Set<AuditEvent>().AnyAsync(a => a.Action == AuditActions.DeadLetterRedriven && a.EntityId == letterId.ToString()));
            }
            await Assert.ThrowsAsync<ConflictException>(() => scope.ServiceProvider.GetRequiredService<RedriveDeadLetter>().HandleAsync(letterId));
        }
        finally
        {
            await pipeline.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_broker_message_has_no_second_delivery_so_a_failed_write_keeps_it_at_once_and_it_can_be_discarded()
    {
        var (pipeline, store) = await StartAsync();
        try
        {
            var vin = await NewVehicleAsync(portal);
            store.Down = true;
            var message = Message(Body(vin, (DateTimeOffset.UtcNow, 10)));

            var outcome = await pipeline.SendAsync(message);

            Assert.Equal(IntakeResult.DeadLettered, outcome.Result);
            long id;
            await using (var db = portal.CreateDb())
                id = await db.Set<IntakeDeadLetter>().Where(d => d.MessageId == message.MessageId).Select(d => d.Id).SingleAsync();
            await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
            await scope.ServiceProvider.GetRequiredService<DiscardDeadLetter>().HandleAsync(id);
            var list = await scope.ServiceProvider.GetRequiredService<ListDeadLetters>().HandleAsync(new DeadLetterQuery(DeadLetterStatus.Discarded, 0, 200));
            Assert.Contains(list.Items, d => d.Id == id && d.Vin == vin && d.ResolvedBy != null);
        }
        finally
        {
            await pipeline.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Writes_that_keep_failing_send_the_telematics_error_email_once()
    {
        var store = new SwitchableStore(portal.Services.GetRequiredService<ITelemetryStore>()) { Down = true };
        var alertTo = $"alerts-{Guid.NewGuid():N}@arc.test";
        var health = ActivatorUtilities.CreateInstance<IntakeHealth>(portal.Services,
            Microsoft.Extensions.Options.Options.Create(new IntakeOptions { AlertAfter = TimeSpan.FromSeconds(1), AlertEmail = alertTo }));
        var pipeline = ActivatorUtilities.CreateInstance<IntakePipeline>(portal.Services, store, health);
        await pipeline.StartAsync(CancellationToken.None);
        try
        {
            var vin = await NewVehicleAsync(portal);
            Assert.Equal(IntakeResult.Failed, (await pipeline.SendAsync(Message(Body(vin, (DateTimeOffset.UtcNow, 1)), IntakeSource.Sqs))).Result);
            await Task.Delay(TimeSpan.FromSeconds(1.2));
            for (var i = 0; i < 3; i++)
                await pipeline.SendAsync(Message(Body(vin, (DateTimeOffset.UtcNow, i)), IntakeSource.Sqs));

            var mail = await Eventually.ReturnsAsync(async () =>
            {
                await using var db = portal.CreateDb();
                return await db.OutboxEmailSet.AsNoTracking().Where(e => e.To == alertTo).ToListAsync();
            }, m => m.Count > 0, TimeSpan.FromSeconds(10), "the telematics error email");
            var email = Assert.Single(mail);
            Assert.Equal(Arc.Domain.Email.EmailTemplates.TelematicsError, email.Template);
            Assert.Contains("Telematics Error", email.Subject, StringComparison.Ordinal);
            Assert.Contains("did not accept the write", email.Text, StringComparison.Ordinal);
            Assert.NotNull(health.FailingSince);

            store.Down = false;
            Assert.Equal(IntakeResult.Written, (await pipeline.SendAsync(Message(Body(vin, (DateTimeOffset.UtcNow, 5)), IntakeSource.Sqs))).Result);
            Assert.Null(health.FailingSince);
        }
        finally
        {
            await pipeline.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_short_outage_is_bridged_by_retries_within_one_delivery()
    {
        var (pipeline, store) = await StartAsync();
        try
        {
            var vin = await NewVehicleAsync(portal);
            store.Down = true;
            var sending = pipeline.SendAsync(Message(Body(vin, (DateTimeOffset.UtcNow.AddSeconds(-1), 77)), IntakeSource.Sqs));
            await Eventually.ReturnsAsync(() => Task.FromResult(store.Writes), w => w >= 2, TimeSpan.FromSeconds(10), "a retried write");
            store.Down = false;

            Assert.Equal(IntakeResult.Written, (await sending).Result);
        }
        finally
        {
            await pipeline.StopAsync(CancellationToken.None);
        }
    }
}
