using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.SQS;
using Amazon.SQS.Model;
using Arc.Domain.Intake;
using Arc.Infrastructure.DevServices;
using Arc.Infrastructure.Intake.Mqtt;
using Arc.Infrastructure.Intake.Sqs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace Arc.Bench;

/// <summary>
/// The intake's two transports under load: the portal's own MQTT broker (publishers on its plain endpoint, the way the
/// simulator connects; the TLS endpoint differs only in the handshake at connect) and the SQS consumer draining a queue
/// on local-aws-sqs. Both finish when the pipeline has written every message, as counted by <see cref="WrittenCounter"/>.
/// </summary>
public static class IntakeTransports
{
    public static async Task MqttAsync(MqttBroker broker, WrittenCounter counter, IReadOnlyList<(string Vin, byte[] Body)> messages, int connections)
    {
        var target = counter.Expect(messages.Count);
        var clients = new List<IMqttClient>();
        try
        {
            for (var i = 0; i < connections; i++)
                clients.Add(await broker.ConnectSimulatorAsync(CancellationToken.None));
            await Task.WhenAll(clients.Select((client, c) => Task.Run(async () =>
            {
                // Each connection carries its own vehicles, as each vehicle has a connection of its own.
                for (var i = c; i < messages.Count; i += connections)
                {
                    var message = new MqttApplicationMessageBuilder().WithTopic(IntakeTopics.Telemetry(messages[i].Vin))
                        .WithPayload(messages[i].Body).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
                    var ack = await client.PublishAsync(message);
                    if (!ack.IsSuccess)
                        throw new InvalidOperationException($"The broker refused a publish: {ack.ReasonCode} {ack.ReasonString}");
                }
            })));
            await target.WaitAsync(TimeSpan.FromMinutes(5));
        }
        finally
        {
            foreach (var client in clients)
                client.Dispose();
        }
    }

    /// <summary>
    /// The same messages through <see cref="LeanMqttPublisher"/>s: the broker's and the pipeline's cost without a general
    /// client's beside it on the same cores.
    /// </summary>
    public static async Task LeanMqttAsync(MqttBroker broker, WrittenCounter counter, IReadOnlyList<(string Vin, byte[] Body)> messages,
        int connections, int window)
    {
        var target = counter.Expect(messages.Count);
        var (user, secret) = broker.SimulatorCredentials;
        var endpoint = new IPEndPoint(IPAddress.Loopback, broker.Port);
        var publishers = new List<LeanMqttPublisher>();
        try
        {
            for (var i = 0; i < connections; i++)
                publishers.Add(await LeanMqttPublisher.ConnectAsync(endpoint, $"arc-bench-lean-{i}", user, secret));
            await Task.WhenAll(publishers.Select((publisher, c) => Task.Run(() => publisher.PublishAllAsync(
                Enumerable.Range(0, (messages.Count - c + connections - 1) / connections)
                    .Select(k => messages[c + k * connections])
                    .Select(m => (IntakeTopics.Telemetry(m.Vin), m.Body)).ToList(), window))));
            await target.WaitAsync(TimeSpan.FromMinutes(5));
        }
        finally
        {
            foreach (var publisher in publishers)
                await publisher.DisposeAsync();
        }
    }

    /// <summary>Fills the queue first (not timed: that is the IoT rule's work), then times the consumer draining it.</summary>
    public static async Task<TimeSpan> SqsAsync(SqsPeer peer, string queueUrl, IIntakePipeline pipeline, WrittenCounter counter,
        IReadOnlyList<byte[]> bodies, int receiveLoops)
    {
        await peer.FillAsync(queueUrl, bodies);
        var target = counter.Expect(bodies.Count);
        var options = new SqsIntakeOptions
        {
            Enabled = true,
            QueueUrl = new Uri(queueUrl),
            ServiceUrl = peer.Url,
            ReceiveLoops = receiveLoops,
            WaitTimeSeconds = 1,
            VisibilityTimeout = 60,
        };
        using var consumer = new SqsIntakeConsumer(peer.Client, pipeline, Options.Create(options), TimeProvider.System, NullLogger<SqsIntakeConsumer>.Instance);
        var clock = Stopwatch.StartNew();
        await consumer.StartAsync(CancellationToken.None);
        try
        {
            await target.WaitAsync(TimeSpan.FromMinutes(5));
            return clock.Elapsed;
        }
        finally
        {
            await consumer.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// The peer's own ceiling: the same receive loops receiving and deleting the same messages with nothing in between.
    /// When the portal's SQS rate comes close to this, the stand-in, not the portal, sets the figure.
    /// </summary>
    public static async Task<TimeSpan> SqsPeerOnlyAsync(SqsPeer peer, string queueUrl, IReadOnlyList<byte[]> bodies, int receiveLoops)
    {
        await peer.FillAsync(queueUrl, bodies);
        var left = bodies.Count;
        var clock = Stopwatch.StartNew();
        var drained = TimeSpan.Zero;
        await Task.WhenAll(Enumerable.Range(0, receiveLoops).Select(_ => Task.Run(async () =>
        {
            while (Volatile.Read(ref left) > 0)
            {
                var received = await peer.Client.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 });
                if (received.Messages is not { Count: > 0 } messages)
                    continue;
                await peer.Client.DeleteMessageBatchAsync(queueUrl,
                    messages.Select((m, i) => new DeleteMessageBatchRequestEntry(i.ToString(System.Globalization.CultureInfo.InvariantCulture), m.ReceiptHandle)).ToList());
                if (Interlocked.Add(ref left, -messages.Count) <= 0)
                    drained = clock.Elapsed;
            }
        })));
        // Loops still in an empty long poll when the last message went are not the peer's speed.
        return drained;
    }
}

/// <summary>
/// Counts the messages the pipeline has written against those the benchmark has sent so far, so a phase ends when every
/// message sent up to then is written, however late the previous phase's last batch is reported.
/// </summary>
public sealed class WrittenCounter : IIntakeObserver
{
    private readonly Lock _lock = new();
    private readonly List<(long At, TaskCompletionSource Done)> _waiters = [];
    private long _written, _expected, _batches;

    /// <summary>How many batches the intake has written so far (each one InfluxDB request).</summary>
    public long Batches => Interlocked.Read(ref _batches);

    public Task OnBatchWrittenAsync(IntakeBatch batch, CancellationToken ct)
    {
        lock (_lock)
        {
            Interlocked.Increment(ref _batches);
            _written += batch.MessagesByVin.Values.Sum();
            _waiters.RemoveAll(w => _written >= w.At && w.Done.TrySetResult());
        }
        return Task.CompletedTask;
    }

    /// <summary>Adds <paramref name="more"/> messages to those sent; the task completes once all sent so far are written.</summary>
    public Task Expect(int more)
    {
        lock (_lock)
        {
            _expected += more;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_written >= _expected)
                done.SetResult();
            else
                _waiters.Add((_expected, done));
            return done.Task;
        }
    }
}

/// <summary>local-aws-sqs through the project's start-up script (tools/sqs-peer.mjs), on a free loopback port.</summary>
public sealed class SqsPeer : IAsyncDisposable
{
    private readonly Process _process;

    private SqsPeer(Process process, Uri url)
    {
        _process = process;
        Url = url;
        Client = SqsIntakeClient.Create(new SqsIntakeOptions { ServiceUrl = url }, "us-east-1");
    }

    public Uri Url { get; }
    public IAmazonSQS Client { get; }

    public static async Task<SqsPeer> StartAsync()
    {
        var port = FreePort();
        var root = EmbeddedServers.RepositoryRoot(AppContext.BaseDirectory);
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(root, "tools", "sqs-peer.mjs"));
        info.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = Process.Start(info) ?? throw new InvalidOperationException("node could not be started.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var peer = new SqsPeer(process, new Uri($"http://127.0.0.1:{port}/"));
        for (var tries = 0; ; tries++)
        {
            try
            {
                await peer.Client.ListQueuesAsync(new ListQueuesRequest());
                return peer;
            }
            catch (Exception) when (tries < 100 && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public async Task<string> CreateQueueAsync(string name) =>
        (await Client.CreateQueueAsync(new CreateQueueRequest { QueueName = name, Attributes = new() { ["VisibilityTimeout"] = "60" } })).QueueUrl;

    /// <summary>Sends the bodies in batches of 10, several batches at a time.</summary>
    public async Task FillAsync(string queueUrl, IReadOnlyList<byte[]> bodies)
    {
        var batches = bodies.Chunk(10).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (batch, ct) =>
        {
            var entries = batch.Select((b, i) => new SendMessageBatchRequestEntry(i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                System.Text.Encoding.UTF8.GetString(b))).ToList();
            var sent = await Client.SendMessageBatchAsync(queueUrl, entries, ct);
            if (sent.Failed is { Count: > 0 } failed)
                throw new InvalidOperationException($"local-aws-sqs refused {failed.Count} messages: {failed[0].Message}");
        });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
