using System.Text;
using Arc.Domain.Intake;
using Arc.Infrastructure.Intake.Sqs;
using Arc.Portal.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Arc.Portal.Tests.Integration.Intake;

/// <summary>The SQS consumer against local-aws-sqs, with a stand-in pipeline that settles messages as each test says.</summary>
public sealed class SqsIntakeTests(SqsPeer peer) : IClassFixture<SqsPeer>
{
    private const string OldBody = """{"vin":"7F7ATR31XLER00019","data":[{"timestamp":"2026-11-25 10:00:00","speed":42,"bms_pack_soc":81.5}]}""";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    internal static SqsIntakeConsumer Consumer(SqsPeer peer, SqsIntakeOptions options, IIntakePipeline pipeline, ServerLog? log = null)
    {
        var loggers = LoggerFactory.Create(b => b.AddProvider(log ?? new ServerLog()));
        return new SqsIntakeConsumer(peer.Client, pipeline, Options.Create(options), TimeProvider.System, loggers.CreateLogger<SqsIntakeConsumer>());
    }

    private static string Name() => "telemetry-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Messages_in_the_old_body_format_are_handed_over_and_deleted_only_once_the_pipeline_settled_them()
    {
        var queue = await peer.CreateQueueAsync(Name());
        var pipeline = new RecordingPipeline();
        pipeline.Hold();
        using var consumer = Consumer(peer, peer.ConsumerOptions(queue, visibilityTimeout: 15), pipeline);
        await consumer.StartAsync(CancellationToken.None);
        try
        {
            var plain = await queue.SendAsync(OldBody);
            var prefixed = await queue.SendAsync("""{"vin":"7F7ATR31XLER00019","data":[{"timestamp":"2026-11-25 10:00:01","speed":43}],"env_prefix":true}""");
            var withTopic = await queue.SendAsync("""{"vin":"7F7ATR31XLER00019","data":[],"topic":"vehicles/7F7ATR31XLER00019/telemetry"}""");
            await Eventually.ReturnsAsync(() => Task.FromResult(pipeline.Handled.Count), n => n == 3, Patience, "three messages handed over");

            // Handed over but not yet written: received, hidden, and still on the queue.
            await Task.Delay(500);
            Assert.Equal((0, 3), await queue.CountAsync());

            pipeline.Release();
            await Eventually.ReturnsAsync(queue.CountAsync, c => c == (0, 0), Patience, "the settled messages being deleted");

            var first = Assert.Single(pipeline.Received(plain));
            Assert.Equal(IntakeSource.Sqs, first.Source);
            Assert.Equal(OldBody, Encoding.UTF8.GetString(first.Body.Span));
            Assert.Null(first.Topic);
            Assert.Equal(1, first.Attempt);
            Assert.InRange(first.ReceivedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
            Assert.Null(Assert.Single(pipeline.Received(prefixed)).Topic);
            Assert.Equal("vehicles/7F7ATR31XLER00019/telemetry", Assert.Single(pipeline.Received(withTopic)).Topic);
            Assert.Equal((0, 0), await queue.DeadLetterCountAsync());
        }
        finally
        {
            pipeline.Release();
            await consumer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_message_the_pipeline_could_not_write_comes_back_after_its_visibility_timeout_and_is_consumed_once_writing_works()
    {
        var queue = await peer.CreateQueueAsync(Name());
        var pipeline = new RecordingPipeline { Writing = false };
        using var consumer = Consumer(peer, peer.ConsumerOptions(queue), pipeline);
        await consumer.StartAsync(CancellationToken.None);
        try
        {
            var id = await queue.SendAsync(OldBody);
            await Eventually.ReturnsAsync(() => Task.FromResult(pipeline.Received(id).Count), n => n >= 2, Patience, "a second delivery");
            Assert.Equal((0, 1), await queue.CountAsync());

            pipeline.Writing = true;
            await Eventually.ReturnsAsync(queue.CountAsync, c => c == (0, 0), Patience, "the message being deleted once written");
            var deliveries = pipeline.Handled.Where(h => h.Message.MessageId == id).ToList();
            Assert.Equal(Enumerable.Range(1, deliveries.Count), deliveries.Select(d => d.Message.Attempt));
            Assert.Equal(IntakeResult.Written, deliveries[^1].Outcome.Result);
            Assert.All(deliveries[..^1], d => Assert.Equal(IntakeResult.Failed, d.Outcome.Result));
            Assert.Equal((0, 0), await queue.DeadLetterCountAsync());
        }
        finally
        {
            await consumer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_poison_message_is_delivered_five_times_then_dead_lettered_by_the_portal_and_deleted_before_sqs_would_move_it()
    {
        var queue = await peer.CreateQueueAsync(Name(), maxReceiveCount: 6);
        var pipeline = new RecordingPipeline { Writing = false };
        using var consumer = Consumer(peer, peer.ConsumerOptions(queue), pipeline);
        await consumer.StartAsync(CancellationToken.None);
        try
        {
            var id = await queue.SendAsync("""{"vin":"7F7ATR31XLER00019","data":[{"timestamp":"2026-11-25 10:00:00","speed":1e999}]}""");
            // The count alone can read empty before the new message is counted: wait for its last delivery first.
            await Eventually.ReturnsAsync(() => Task.FromResult(pipeline.Handled.Count(h => h.Message.MessageId == id)), n => n >= 5, TimeSpan.FromSeconds(60),
                "the poison message's fifth delivery");
            await Eventually.ReturnsAsync(queue.CountAsync, c => c == (0, 0), TimeSpan.FromSeconds(30), "the poison message leaving the queue");

            var deliveries = pipeline.Handled.Where(h => h.Message.MessageId == id).ToList();
            Assert.Equal([1, 2, 3, 4, 5], deliveries.Select(d => d.Message.Attempt));
            Assert.Equal(IntakeResult.DeadLettered, deliveries[^1].Outcome.Result);
            Assert.Equal((0, 0), await queue.DeadLetterCountAsync());
        }
        finally
        {
            await consumer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_loop_receives_again_while_earlier_messages_are_written_but_never_holds_more_than_the_in_flight_limit()
    {
        var queue = await peer.CreateQueueAsync(Name());
        for (var i = 0; i < 35; i++)
            await queue.SendAsync(OldBody);
        var pipeline = new RecordingPipeline();
        pipeline.Hold();
        var options = peer.ConsumerOptions(queue, visibilityTimeout: 30, receiveLoops: 1);
        options.MaxMessagesInFlight = 20;
        using var consumer = Consumer(peer, options, pipeline);
        await consumer.StartAsync(CancellationToken.None);
        try
        {
            // One loop, no outcome yet: it went on to a second receive, and stopped there, at the limit of 20.
            await Eventually.ReturnsAsync(queue.CountAsync, c => c == (15, 20), Patience, "two receives' worth in flight");
            // Showing that nothing more comes takes a while: longer than a receive of the waiting messages would.
            await Task.Delay(1500);
            Assert.Equal(20, pipeline.Handled.Count);
            Assert.Equal((15, 20), await queue.CountAsync());

            pipeline.Release();
            await Eventually.ReturnsAsync(queue.CountAsync, c => c == (0, 0), Patience, "every message written and deleted");
            Assert.Equal(35, pipeline.Handled.Count);
        }
        finally
        {
            pipeline.Release();
            await consumer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_message_that_comes_back_within_one_long_poll_is_handed_over_once()
    {
        // local-aws-sqs hands a message out again inside the same poll when its visibility ends first.
        var queue = await peer.CreateQueueAsync(Name(), maxReceiveCount: 6);
        var id = await queue.SendAsync(OldBody);
        var pipeline = new RecordingPipeline();
        var options = peer.ConsumerOptions(queue, visibilityTimeout: 1, receiveLoops: 1);
        options.WaitTimeSeconds = 3;
        using var consumer = Consumer(peer, options, pipeline);
        await consumer.StartAsync(CancellationToken.None);
        try
        {
            // A message in flight is not counted either: wait for the hand-over, then for the queue to be empty.
            await Eventually.ReturnsAsync(() => Task.FromResult(pipeline.Received(id).Count), n => n > 0, Patience, "the message being handed over");
            await Eventually.ReturnsAsync(queue.CountAsync, c => c == (0, 0), Patience, "the message being deleted");
            var delivery = Assert.Single(pipeline.Received(id));
            Assert.True(delivery.Attempt > 1, $"the newest copy is handed over (attempt {delivery.Attempt})");
        }
        finally
        {
            await consumer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Stopping_waits_for_the_message_being_written_deletes_it_and_leaves_later_messages_on_the_queue()
    {
        var queue = await peer.CreateQueueAsync(Name());
        var pipeline = new RecordingPipeline();
        pipeline.Hold();
        var consumer = Consumer(peer, peer.ConsumerOptions(queue, visibilityTimeout: 15), pipeline);
        await consumer.StartAsync(CancellationToken.None);
        var inFlight = await queue.SendAsync(OldBody);
        await Eventually.ReturnsAsync(() => Task.FromResult(pipeline.Received(inFlight).Count), n => n == 1, Patience, "the message handed over");

        var stopping = consumer.StopAsync(CancellationToken.None);
        await Task.Delay(500);
        Assert.False(stopping.IsCompleted, "the consumer waits for the pipeline to settle what it was handed");
        pipeline.Release();
        await stopping;
        consumer.Dispose();
        Assert.Equal((0, 0), await queue.CountAsync());

        // Nothing reads the queue now; a message sent meanwhile waits for the next consumer.
        await Task.Delay(1500);
        var later = await queue.SendAsync(OldBody);
        await Task.Delay(1500);
        Assert.Empty(pipeline.Received(later));
        Assert.Equal((1, 0), await queue.CountAsync());

        using var next = Consumer(peer, peer.ConsumerOptions(queue), pipeline);
        await next.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.ReturnsAsync(queue.CountAsync, c => c == (0, 0), Patience, "the next consumer taking the waiting message");
            Assert.Single(pipeline.Received(later));
        }
        finally
        {
            await next.StopAsync(CancellationToken.None);
        }
    }
}
