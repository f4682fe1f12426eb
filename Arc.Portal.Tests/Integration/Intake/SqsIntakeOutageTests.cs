using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration.Intake;

/// <summary>The SQS consumer when the service goes away mid-run: a peer of its own, since the test kills it.</summary>
public sealed class SqsIntakeOutageTests
{
    private const string Body = """{"vin":"7F7ATR31XLER00019","data":[{"timestamp":"2026-11-25 10:00:00","speed":42}]}""";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task When_sqs_goes_away_the_consumer_backs_off_without_stopping_the_portal_and_resumes_when_it_returns()
    {
        var peer = new SqsPeer();
        await peer.InitializeAsync();
        var name = "telemetry-" + Guid.NewGuid().ToString("N")[..10];
        var queue = await peer.CreateQueueAsync(name);
        var pipeline = new RecordingPipeline();
        var log = new ServerLog();
        using var consumer = SqsIntakeTests.Consumer(peer, peer.ConsumerOptions(queue), pipeline, log);
        await consumer.StartAsync(CancellationToken.None);
        try
        {
            var before = await queue.SendAsync(Body);
            await Eventually.ReturnsAsync(() => Task.FromResult(pipeline.Received(before).Count), n => n == 1, Patience, "the first message");

            await peer.KillAsync();
            await Eventually.ReturnsAsync(() => Task.FromResult(log.Entries.Count(e => e.Contains("cannot reach the queue", StringComparison.Ordinal))),
                n => n > 0, Patience, "the outage being logged");
            await Task.Delay(2000);
            Assert.False(consumer.ExecuteTask!.IsCompleted, "the consumer keeps trying while SQS is away");
            Assert.DoesNotContain(log.Entries, e => e.StartsWith("Error", StringComparison.Ordinal) || e.StartsWith("Critical", StringComparison.Ordinal));

            // The stand-in keeps queues in memory: it comes back empty, at the same address.
            await peer.InitializeAsync();
            queue = await peer.CreateQueueAsync(name);
            var after = await queue.SendAsync(Body);
            // A message in flight is not counted: wait for the hand-over first, then for the queue to be empty.
            await Eventually.ReturnsAsync(() => Task.FromResult(pipeline.Received(after).Count), n => n > 0, Patience, "the message sent after the outage being handed over");
            await Eventually.ReturnsAsync(queue.CountAsync, c => c == (0, 0), Patience, "the message sent after the outage being consumed");
            Assert.Single(pipeline.Received(after));
        }
        finally
        {
            await consumer.StopAsync(CancellationToken.None);
            await peer.DisposeAsync();
        }
    }
}
