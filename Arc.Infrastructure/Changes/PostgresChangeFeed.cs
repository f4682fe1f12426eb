using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Arc.Domain.Changes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Arc.Infrastructure.Changes;

/// <summary>
/// The change feed on PostgreSQL's <c>LISTEN/NOTIFY</c>: every node keeps one connection listening on
/// <see cref="Channel"/> and hands each notification to its own subscribers. Changes to tables arrive from triggers,
/// when their transaction commits (see the ChangeNotifications migration); <see cref="Publish"/> adds those the
/// database cannot see. After a lost connection the listener reconnects, listens again and calls every subscriber,
/// since it cannot know what it missed.
/// </summary>
public sealed partial class PostgresChangeFeed(ChangeFeedOptions options, ILogger<PostgresChangeFeed> logger)
    : BackgroundService, IChangeFeed
{
    public const string Channel = "arc_changes";

    private readonly ConcurrentDictionary<(string Topic, string Key), Subscribers> _subscriptions = new();
    private readonly Channel<Change> _outgoing = System.Threading.Channels.Channel.CreateBounded<Change>(
        new BoundedChannelOptions(options.MaxQueued) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    /// <summary>How many times the listener has (re)connected; tests watch it.</summary>
    public int Connections { get; private set; }

    public void Publish(Change change) => _outgoing.Writer.TryWrite(change);

    public IDisposable Subscribe(string topic, string key, Func<Task> changed)
    {
        var subscription = new Subscription(changed, logger);
        _subscriptions.AddOrUpdate((topic, key), _ => new Subscribers(subscription), (_, list) => list.With(subscription));
        return new Unsubscriber(() =>
        {
            var left = _subscriptions.AddOrUpdate((topic, key), _ => Subscribers.Empty, (_, list) => list.Without(subscription));
            if (left.All.Length == 0)
                _subscriptions.TryRemove(new KeyValuePair<(string, string), Subscribers>((topic, key), left));
        });
    }

    /// <summary>The payload of one notification: a small JSON object, well under PostgreSQL's 8000-byte limit.</summary>
    public static string Serialize(Change change) => JsonSerializer.Serialize(new { topic = change.Topic, key = change.Key });

    public static Change? Parse(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            return root.TryGetProperty("topic", out var topic) && root.TryGetProperty("key", out var key)
                && topic.GetString() is { } t && key.ValueKind != JsonValueKind.Null
                ? new Change(t, key.ToString()) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenAsync(stoppingToken), SendAsync(stoppingToken));

    private async Task ListenAsync(CancellationToken ct)
    {
        var delay = options.FirstRetryDelay;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ListenerConnectionString());
                await connection.OpenAsync(ct);
                connection.Notification += (_, e) => Deliver(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(ct);
                Connections++;
                if (Connections > 1)
                {
                    LogResync(logger);
                    CallEveryone();
                }
                delay = options.FirstRetryDelay;
                while (!ct.IsCancellationRequested)
                    await connection.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogListenFailed(logger, e, delay);
                try
                {
                    await Task.Delay(delay, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxRetryDelay.Ticks));
            }
        }
    }

    // The listener must own its connection: a pooled one could be handed back with LISTEN still active, and its
    // keepalive notices a server that went away while nothing was said.
    private string ListenerConnectionString() => new NpgsqlConnectionStringBuilder(options.ConnectionString)
    {
        Pooling = false,
        KeepAlive = (int)options.KeepAlive.TotalSeconds,
        ApplicationName = "arc-portal-change-feed",
    }.ConnectionString;

    private async Task SendAsync(CancellationToken ct)
    {
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            ApplicationName = "arc-portal-change-feed",
            MaxPoolSize = 2,
        }.ConnectionString);
        var batch = new List<string>();
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync(ct))
            {
                batch.Clear();
                while (batch.Count < options.MaxBatch && _outgoing.Reader.TryRead(out var change))
                    batch.Add(Serialize(change));
                await NotifyAsync(dataSource, batch.Distinct().ToArray(), ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task NotifyAsync(NpgsqlDataSource dataSource, string[] payloads, CancellationToken ct)
    {
        try
        {
            await using var command = dataSource.CreateCommand($"SELECT pg_notify('{Channel}', p) FROM unnest($1::text[]) AS p");
            command.Parameters.Add(new NpgsqlParameter { Value = payloads });
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A page that misses this change catches up on the next one or when the listener reconnects.
            LogSendFailed(logger, e, payloads.Length);
        }
    }

    private void Deliver(string payload)
    {
        if (Parse(payload) is not { } change)
        {
            LogBadPayload(logger, payload.Length > 200 ? payload[..200] : payload);
            return;
        }
        if (_subscriptions.TryGetValue((change.Topic, change.Key), out var subscribers))
            foreach (var subscription in subscribers.All)
                subscription.Signal();
    }

    private void CallEveryone()
    {
        foreach (var subscribers in _subscriptions.Values)
            foreach (var subscription in subscribers.All)
                subscription.Signal();
    }

    private sealed class Subscribers(params Subscription[] all)
    {
        public static readonly Subscribers Empty = new();
        public Subscription[] All { get; } = all;
        public Subscribers With(Subscription s) => new([.. All, s]);
        public Subscribers Without(Subscription s) => new([.. All.Where(x => x != s)]);
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Change feed reconnected; every open page reads its data again")]
    private static partial void LogResync(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Change feed lost its database connection; trying again in {Delay}")]
    private static partial void LogListenFailed(ILogger logger, Exception e, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Change feed could not send {Count} change(s)")]
    private static partial void LogSendFailed(ILogger logger, Exception e, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Change feed ignored a notification it cannot read: {Payload}")]
    private static partial void LogBadPayload(ILogger logger, string payload);
}
