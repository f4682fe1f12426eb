using System.Threading.Channels;
using Arc.Domain.Common;
using Arc.Domain.Intake;
using Arc.Domain.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Arc.Infrastructure.Intake;

/// <summary>
/// The intake: one writer takes whatever the transports queued (up to <see cref="IntakeOptions.BatchLines"/> lines),
/// decodes and checks each message, writes the telemetry of the whole batch in one InfluxDB request, and only then
/// settles each message, so a queue deletes nothing that is not queryable. Device timestamps are kept, which makes a
/// redelivery harmless; a write that keeps failing leaves the message to its transport's next delivery until the last
/// attempt, which goes to the dead-letter store.
/// </summary>
public sealed partial class IntakePipeline(ITelemetryStore store, KnownVehicles known, IntakeLedger ledger, DeadLetters deadLetters,
    IntakeHealth health, IServiceScopeFactory scopes, IntakeObservers observers, PortalEnvironment environment, TimeProvider time,
    IOptions<IntakeOptions> options, ILogger<IntakePipeline> logger) : BackgroundService, IIntakePipeline
{
    private readonly IntakeOptions _options = options.Value;
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        SingleReader = true, FullMode = BoundedChannelFullMode.Wait,
    });
    private readonly RecentMessages _recent = new(options.Value.DuplicateWindow, time);
    private readonly IntakeRules _rules = new(options.Value.MaxMessageBytes, options.Value.FutureTolerance);

    private sealed record Pending(IntakeMessage Message, TaskCompletionSource<IntakeOutcome> Done)
    {
        public DecodedMessage? Decoded;
        public ulong Fingerprint;
        public (string Reason, string Vin)? Refusal;
        public string Vin => Decoded?.Vin ?? Refusal!.Value.Vin;
        public void Settle(IntakeOutcome outcome) => Done.TrySetResult(outcome);
    }

    public async ValueTask<Task<IntakeOutcome>> EnqueueAsync(IntakeMessage message, CancellationToken ct = default)
    {
        var pending = new Pending(message, new TaskCompletionSource<IntakeOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        // Decoding on the transport's own thread spreads the parsing over its receive loops and keeps the writer free.
        try
        {
            pending.Decoded = IntakeDecoder.Decode(message, environment.Environment, time.GetUtcNow(), _rules);
            pending.Fingerprint = RecentMessages.Fingerprint(message.Body.Span);
        }
        catch (IntakeDecoder.RefusedException e) when (e.Vin is null)
        {
            Refuse(pending, e.Message, null);
            return pending.Done.Task;
        }
        catch (IntakeDecoder.RefusedException e)
        {
            // Refused, but it names a VIN: the writer finds out whether that vehicle exists, so its own counts show it.
            pending.Refusal = (e.Message, e.Vin!);
        }
        try
        {
            await _queue.Writer.WriteAsync(pending, ct);
        }
        catch (ChannelClosedException)
        {
            return Task.FromResult(IntakeOutcome.Failed("The portal is shutting down."));
        }
        return pending.Done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        // One write in flight while the next batch is collected and checked: InfluxDB and the portal work at the same time.
        Task writing = Task.CompletedTask;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                var telemetry = await PrepareAsync(Collect(reader), stoppingToken);
                await writing;
                writing = telemetry.Count > 0 ? WriteAsync(telemetry, stoppingToken) : Task.CompletedTask;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // Stopping: take no more, and write what was accepted already while the host still waits.
        _queue.Writer.TryComplete();
        using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await writing.WaitAsync(drain.Token);
            while (reader.TryPeek(out _))
                await WriteAsync(await PrepareAsync(Collect(reader), drain.Token), drain.Token);
        }
        catch (OperationCanceledException)
        {
        }
        while (reader.TryRead(out var left))
            left.Settle(IntakeOutcome.Failed("The portal stopped before writing it."));
    }

    /// <summary>What is waiting, up to a batch's worth of lines.</summary>
    private List<Pending> Collect(ChannelReader<Pending> reader)
    {
        var batch = new List<Pending>();
        var lines = 0;
        while (lines < _options.BatchLines && reader.TryRead(out var pending))
        {
            batch.Add(pending);
            lines += Math.Max(1, pending.Decoded?.Samples.Count ?? 1);
        }
        return batch;
    }

    /// <summary>Refuses unknown VINs and duplicates, handles check-ins, and returns the telemetry to write.</summary>
    private async Task<List<Pending>> PrepareAsync(List<Pending> live, CancellationToken ct)
    {
        if (live.Count == 0)
            return [];
        IReadOnlySet<string> knownVins;
        try
        {
            var (found, lastSeen) = await known.LookupAsync(live.Select(p => p.Vin).Distinct(StringComparer.Ordinal).ToList(), ct);
            ledger.Remember(lastSeen);
            knownVins = found;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await FailAsync(live, "The portal's database could not be asked which vehicles exist.", e, ct);
            return [];
        }

        var telemetry = new List<Pending>();
        var seen = new HashSet<(string, ulong)>();
        foreach (var p in live)
        {
            var vin = p.Vin;
            if (p.Refusal is { } refusal)
            {
                if (knownVins.Contains(vin))
                    Refuse(p, refusal.Reason, vin);
                else
                    Refuse(p, refusal.Reason, null, vin);
                continue;
            }
            if (!knownVins.Contains(vin))
            {
                Refuse(p, $"{vin} is not a provisioned vehicle here.", null);
                continue;
            }
            ledger.Received(vin, p.Message.ReceivedAt);
            if (!seen.Add((vin, p.Fingerprint)) || _recent.Contains(vin, p.Fingerprint))
            {
                ledger.Duplicate(vin);
                p.Settle(IntakeOutcome.Duplicate);
                continue;
            }
            if (p.Decoded!.Kind == IntakeTopicKind.Telemetry)
                telemetry.Add(p);
            else
                await CheckInAsync(p, ct);
        }
        return telemetry;
    }

    private async Task CheckInAsync(Pending p, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IDeviceCheckIns>().HandleAsync(p.Decoded!, ct);
            _recent.Add(p.Decoded!.Vin, p.Fingerprint);
            ledger.Written(p.Decoded.Vin, 0, late: false, p.Message.ReceivedAt, (time.GetUtcNow() - p.Message.ReceivedAt).TotalMilliseconds);
            p.Settle(IntakeOutcome.Written);
        }
        catch (IntakeDecoder.RefusedException e)
        {
            Refuse(p, e.Message, p.Decoded!.Vin);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await FailAsync([p], $"Handling the {p.Decoded!.Kind} message failed: {e.Message}", e, ct);
        }
    }

    private async Task WriteAsync(List<Pending> messages, CancellationToken ct)
    {
        if (messages.Count == 0)
            return;
        var samples = messages.SelectMany(p => p.Decoded!.Samples).ToList();
        try
        {
            await WriteWithRetriesAsync(samples, ct);
        }
        catch (ValidationFailedException) when (messages.Count > 1)
        {
            // The store refused something in the batch; write message by message so only the culprit is refused.
            foreach (var p in messages)
                await WriteAsync([p], ct);
            return;
        }
        catch (ValidationFailedException e)
        {
            Refuse(messages[0], $"The telemetry store refused the values: {e.InnerException?.Message ?? e.Message}", messages[0].Decoded!.Vin);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await FailAsync(messages, "The telemetry store did not accept the write.", e, ct);
            return;
        }
        health.Succeeded();
        var writtenAt = time.GetUtcNow();
        foreach (var p in messages)
        {
            var decoded = p.Decoded!;
            var newest = decoded.Samples.Max(s => s.Time);
            var late = ledger.LastSeen(decoded.Vin) is { } last && newest < last;
            ledger.Written(decoded.Vin, decoded.Samples.Count, late, newest, (writtenAt - newest).TotalMilliseconds);
            _recent.Add(decoded.Vin, p.Fingerprint);
            p.Settle(IntakeOutcome.Written);
        }
        var perVin = messages.GroupBy(p => p.Decoded!.Vin, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        await observers.NotifyAsync(new IntakeBatch(samples, perVin, writtenAt), ct);
    }

    private async Task WriteWithRetriesAsync(List<TelemetrySample> samples, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await store.WriteAsync(samples, ct);
                return;
            }
            catch (ServiceUnavailableException) when (attempt < _options.WriteRetries)
            {
                await Task.Delay(_options.WriteRetryDelay * Math.Pow(5, attempt), time, ct);
            }
        }
    }

    /// <summary>A delivery that did not work: its transport delivers it again, or at the last attempt the dead-letter store keeps it.</summary>
    private async Task FailAsync(IReadOnlyList<Pending> messages, string reason, Exception e, CancellationToken ct)
    {
        LogFailed(logger, messages.Count, reason, e);
        health.Failed(reason, time.GetUtcNow());
        var again = messages.Where(p => p.Message.Source == IntakeSource.Sqs && p.Message.Attempt < _options.MaxAttempts).ToList();
        foreach (var p in again)
        {
            ledger.Failed();
            p.Settle(IntakeOutcome.Failed(reason));
        }
        var last = messages.Except(again).ToList();
        if (last.Count == 0)
            return;
        try
        {
            await deadLetters.KeepAsync(last.Select(p => (p.Message, p.Decoded?.Vin)).ToList(), reason, ct);
            foreach (var p in last)
            {
                ledger.DeadLettered(p.Decoded?.Vin);
                p.Settle(IntakeOutcome.DeadLettered(reason));
            }
        }
        catch (Exception stored) when (stored is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogDeadLetterFailed(logger, last.Count, stored);
            foreach (var p in last)
            {
                ledger.Failed();
                p.Settle(IntakeOutcome.Failed(reason));
            }
        }
    }

    /// <param name="knownVin">The VIN when it is a provisioned one (its counts are kept); <paramref name="claimedVin"/> is only shown.</param>
    private void Refuse(Pending p, string reason, string? knownVin, string? claimedVin = null)
    {
        var m = p.Message;
        ledger.Received(knownVin, m.ReceivedAt);
        ledger.Refused(knownVin, IntakeRefusal.Of(m, reason, p.Decoded?.Vin ?? knownVin ?? claimedVin), _options.RefusalsKeptPerFlush);
        p.Settle(IntakeOutcome.Refused(reason));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} intake messages failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, int count, string reason, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} intake messages could not be kept as dead letters; they will be delivered again where the transport can")]
    private static partial void LogDeadLetterFailed(ILogger logger, int count, Exception exception);
}
