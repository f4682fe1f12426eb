using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Arc.Infrastructure.DevServices;
using Arc.Infrastructure.Intake.Sqs;

namespace Arc.Portal.Tests.Support;

/// <summary>
/// local-aws-sqs, the SQS stand-in the portal's consumer is tested against, on a free loopback port through the
/// project's own start-up script. It keeps queues in memory only, so a restart starts empty.
/// </summary>
public sealed class SqsPeer : IAsyncLifetime
{
    private NodePeer? _node;
    private int? _port;

    public Uri Url => new($"http://127.0.0.1:{_port}/");
    /// <summary>A client made the way the portal makes its own for a local peer.</summary>
    public IAmazonSQS Client { get; private set; } = default!;

    public static string Script => Path.Combine(EmbeddedServers.RepositoryRoot(AppContext.BaseDirectory), "tools", "sqs-peer.mjs");

    public async Task InitializeAsync()
    {
        // The same port after a restart, so the queue URLs the consumer was given stay right.
        _node = await NodePeer.StartAsync(Script, _ => [], "", port: _port);
        _port = _node.Port;
        Client ??= SqsIntakeClient.Create(new SqsIntakeOptions { ServiceUrl = _node.Url }, "us-east-1");
    }

    /// <summary>Kills the peer as a crash would (no goodbye to open connections).</summary>
    public async Task KillAsync()
    {
        await _node!.DisposeAsync();
        _node = null;
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_node is not null)
            await _node.DisposeAsync();
        _node = null;
    }

    /// <summary>
    /// A fresh queue with a dead-letter queue behind it, as production has. SQS's own redrive comes after more receives
    /// than the portal's attempts, so the portal's dead-letter rule acts first and SQS's is only a backstop.
    /// </summary>
    public async Task<TestQueue> CreateQueueAsync(string name, int maxReceiveCount = 6)
    {
        var deadLetterUrl = (await Client.CreateQueueAsync(new CreateQueueRequest { QueueName = name + "-dlq" })).QueueUrl;
        var deadLetterArn = (await Client.GetQueueAttributesAsync(deadLetterUrl, ["QueueArn"])).QueueARN;
        var url = (await Client.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = name,
            Attributes = new()
            {
                ["VisibilityTimeout"] = "30",
                ["RedrivePolicy"] = JsonSerializer.Serialize(new { deadLetterTargetArn = deadLetterArn, maxReceiveCount }),
            },
        })).QueueUrl;
        return new TestQueue(Client, new Uri(url), new Uri(deadLetterUrl));
    }

    /// <summary>Consumer settings for the tests: short polls (the peer never ends a long poll early) and visibility well above them.</summary>
    public SqsIntakeOptions ConsumerOptions(TestQueue queue, int visibilityTimeout = 2, int receiveLoops = 2) => new()
    {
        Enabled = true,
        QueueUrl = queue.Url,
        ServiceUrl = Url,
        ReceiveLoops = receiveLoops,
        WaitTimeSeconds = 1,
        VisibilityTimeout = visibilityTimeout,
        FirstBackoff = TimeSpan.FromMilliseconds(100),
        MaxBackoff = TimeSpan.FromMilliseconds(500),
    };
}

public sealed record TestQueue(IAmazonSQS Client, Uri Url, Uri DeadLetterUrl)
{
    public async Task<string> SendAsync(string body) => (await Client.SendMessageAsync(Url.AbsoluteUri, body)).MessageId;

    /// <summary>Messages waiting and messages received but not yet deleted (hidden until their visibility ends).</summary>
    public Task<(int Waiting, int Hidden)> CountAsync() => CountAsync(Url);

    public Task<(int Waiting, int Hidden)> DeadLetterCountAsync() => CountAsync(DeadLetterUrl);

    private async Task<(int Waiting, int Hidden)> CountAsync(Uri url)
    {
        var attributes = await Client.GetQueueAttributesAsync(url.AbsoluteUri, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
        // local-aws-sqs counts hidden messages in ApproximateNumberOfMessages too (SQS counts only the visible ones).
        var hidden = attributes.ApproximateNumberOfMessagesNotVisible;
        return (attributes.ApproximateNumberOfMessages - hidden, hidden);
    }
}
