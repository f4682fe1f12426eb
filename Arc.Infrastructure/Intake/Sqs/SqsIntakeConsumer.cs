using System.Globalization;
using System.Text;
using Amazon.SQS;
using Amazon.SQS.Model;
using Arc.Domain.Intake;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Arc.Infrastructure.Intake.Sqs;

/// <summary>
/// Drains the queue AWS IoT Core's rule fills. Several receive loops long-poll for up to 10 messages each, hand every
/// message to the intake pipeline and delete only those the pipeline settled (written, refused or dead-lettered). A loop
/// does not wait for its messages' outcomes before receiving again: outcomes and deletes are awaited alongside, up to
/// <see cref="SqsIntakeOptions.MaxMessagesInFlight"/>, so the pipeline gets full batches rather than a few receives'
/// worth between writes; a
/// failed one stays hidden until its visibility timeout and is delivered again with a higher receive count, which the
/// pipeline turns into a dead letter at its last attempt (Intake:MaxAttempts). When SQS cannot be reached, each loop
/// waits longer and longer (up to a cap) and carries on by itself when the service answers again.
/// </summary>
public sealed partial class SqsIntakeConsumer(
    [FromKeyedServices(SqsIntakeConsumer.ClientKey)] IAmazonSQS sqs,
    IIntakePipeline pipeline,
    IOptions<SqsIntakeOptions> options,
    TimeProvider time,
    ILogger<SqsIntakeConsumer> logger) : BackgroundService
{
    /// <summary>The key of the intake's own SQS client among the services.</summary>
    public const string ClientKey = "intake-sqs";

    private const int MaxMessagesPerReceive = 10;
    private const string ReceiveCount = "ApproximateReceiveCount";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
            return;
        LogStarted(logger, settings.QueueUrl!, settings.ReceiveLoops);
        var settling = new Settling(Math.Max(1, settings.MaxMessagesInFlight / MaxMessagesPerReceive));
        await Task.WhenAll(Enumerable.Range(0, settings.ReceiveLoops).Select(_ => Task.Run(() => ReceiveLoopAsync(settings, settling, stoppingToken), CancellationToken.None)));
        // Handed-over messages are settled and deleted even while stopping: what was written should not come back.
        await settling.DrainAsync();
    }

    private async Task ReceiveLoopAsync(SqsIntakeOptions settings, Settling settling, CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var holding = false;
            try
            {
                await settling.Room.WaitAsync(stoppingToken);
                holding = true;
                var received = await ReceiveAsync(settings, stoppingToken);
                if (received.Count > 0)
                {
                    var handedOver = await HandOverAsync(received, stoppingToken);
                    settling.Track(SettleAsync(settings, handedOver));
                }
                else
                {
                    settling.Room.Release();
                }
                holding = false;
                if (failures > 0)
                    LogResumed(logger, failures);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                if (holding)
                    settling.Room.Release();
                return;
            }
            catch (Exception e)
            {
                if (holding)
                    settling.Room.Release();
                failures++;
                var wait = Backoff(settings, failures);
                if (failures == 1)
                    LogUnavailable(logger, wait.TotalSeconds, e);
                else
                    LogStillUnavailable(logger, failures, wait.TotalSeconds, e.Message);
                try
                {
                    await Task.Delay(wait, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Doubles from the first wait with each failure in a row, up to the cap.</summary>
    public static TimeSpan Backoff(SqsIntakeOptions settings, int failures)
    {
        var factor = Math.Pow(2, Math.Min(failures - 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(settings.FirstBackoff.Ticks * factor, settings.MaxBackoff.Ticks));
    }

    private async Task<List<Message>> ReceiveAsync(SqsIntakeOptions settings, CancellationToken ct)
    {
#pragma warning disable CS0618 // AttributeNames is deprecated in favour of MessageSystemAttributeNames, but local-aws-sqs reads only it; SQS accepts both.
        var request = new ReceiveMessageRequest
        {
            QueueUrl = settings.QueueUrl!.AbsoluteUri,
            MaxNumberOfMessages = MaxMessagesPerReceive,
            WaitTimeSeconds = settings.WaitTimeSeconds,
            VisibilityTimeout = settings.VisibilityTimeout,
            MessageSystemAttributeNames = [ReceiveCount],
            AttributeNames = [ReceiveCount],
        };
#pragma warning restore CS0618
        var response = await sqs.ReceiveMessageAsync(request, ct);
        return response.Messages ?? [];
    }

    /// <summary>
    /// Hands the messages over in order. Messages not yet handed over when the stop came stay on the queue for the next
    /// consumer.
    /// </summary>
    private async Task<List<(Message Message, int Attempt, Task<IntakeOutcome> Outcome)>> HandOverAsync(List<Message> received, CancellationToken stoppingToken)
    {
        // A response can hold one message more than once (a stand-in whose visibility ran out during the long poll);
        // the last copy carries the newest receipt handle and receive count.
        var messages = received.GroupBy(m => m.MessageId).Select(g => g.Last()).ToList();
        var receivedAt = time.GetUtcNow();
        var handedOver = new List<(Message Message, int Attempt, Task<IntakeOutcome> Outcome)>(messages.Count);
        foreach (var message in messages)
        {
            if (stoppingToken.IsCancellationRequested)
                break;
            var attempt = AttemptOf(message);
            handedOver.Add((message, attempt, await HandOverAsync(message, attempt, receivedAt, stoppingToken)));
        }
        return handedOver;
    }

    /// <summary>Waits for every outcome and deletes the settled messages; the others come back after their visibility timeout.</summary>
    private async Task SettleAsync(SqsIntakeOptions settings, List<(Message Message, int Attempt, Task<IntakeOutcome> Outcome)> handedOver)
    {
        var settled = new List<Message>(handedOver.Count);
        foreach (var (message, attempt, pending) in handedOver)
        {
            var outcome = await OutcomeOf(pending);
            if (outcome.Settled)
                settled.Add(message);
            else
                LogLeftForRedelivery(logger, message.MessageId, attempt, outcome.Reason);
        }
        if (settled.Count == 0)
            return;
        try
        {
            await DeleteAsync(settings, settled);
        }
        catch (Exception e)
        {
            LogDeleteUnavailable(logger, settled.Count, e.Message);
        }
    }

    private async Task<Task<IntakeOutcome>> HandOverAsync(Message message, int attempt, DateTimeOffset receivedAt, CancellationToken ct)
    {
        var body = Encoding.UTF8.GetBytes(message.Body ?? "");
        var intake = new IntakeMessage(IntakeSource.Sqs, message.MessageId, SqsMessageBody.Topic(body), body, receivedAt, attempt);
        try
        {
            return await pipeline.EnqueueAsync(intake, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return Task.FromResult(IntakeOutcome.Failed("The portal stopped before the message was handed over."));
        }
        catch (Exception e)
        {
            return Task.FromResult(IntakeOutcome.Failed(e.Message));
        }
    }

    private static async Task<IntakeOutcome> OutcomeOf(Task<IntakeOutcome> pending)
    {
        try
        {
            return await pending;
        }
        catch (Exception e)
        {
            return IntakeOutcome.Failed(e.Message);
        }
    }

    private static int AttemptOf(Message message) =>
        message.Attributes is { } attributes && attributes.TryGetValue(ReceiveCount, out var text) &&
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : 1;

    // Not cancelled by the stop: these messages are written, and deleting them now spares a redelivery.
    private async Task DeleteAsync(SqsIntakeOptions settings, List<Message> settled)
    {
        var entries = settled.Select((m, i) => new DeleteMessageBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), m.ReceiptHandle)).ToList();
        var response = await sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest(settings.QueueUrl!.AbsoluteUri, entries), CancellationToken.None);
        if (response.Failed is { Count: > 0 } failed)
            LogDeleteFailed(logger, failed.Count, failed[0].Code, failed[0].Message);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQS could not be reached to delete {Count} settled messages ({Reason}); they will be delivered again and found to be duplicates")]
    private static partial void LogDeleteUnavailable(ILogger logger, int count, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading intake from SQS queue {QueueUrl} with {Loops} receive loops")]
    private static partial void LogStarted(ILogger logger, Uri queueUrl, int loops);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQS intake cannot reach the queue; trying again in {Seconds} s")]
    private static partial void LogUnavailable(ILogger logger, double seconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SQS intake still cannot reach the queue ({Failures} failures in a row, {Reason}); trying again in {Seconds} s")]
    private static partial void LogStillUnavailable(ILogger logger, int failures, double seconds, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "SQS intake reaches the queue again after {Failures} failed attempts")]
    private static partial void LogResumed(ILogger logger, int failures);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SQS message {MessageId} (delivery {Attempt}) was not written and is left for redelivery: {Reason}")]
    private static partial void LogLeftForRedelivery(ILogger logger, string messageId, int attempt, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQS did not delete {Count} settled messages ({Code}: {Reason}); they will be delivered again and found to be duplicates")]
    private static partial void LogDeleteFailed(ILogger logger, int count, string code, string reason);
}
