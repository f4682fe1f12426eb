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

    /// <summary>A batch of telemetry on its way to the store: <see cref="Sending"/> ends with the write's failure, or null.</summary>
    private sealed record InFlight(List<Pending> Messages, TelemetryWrite Write, Task<Exception?> Sending);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        // A write still on its way when the host stops gets a few seconds to finish: it was accepted.
        using var writes = new CancellationTokenSource();
        await using var stopping = stoppingToken.Register(() => writes.CancelAfter(TimeSpan.FromSeconds(10)));
        // One batch on its way to InfluxDB while the next is collected, checked and encoded and the previous one is
        // settled: the store does not wait for the portal between batches.
        InFlight? sending = null;
        try
        {
            while (true)
            {
                // Nothing waiting: the batch on its way is finished before waiting, so no message waits for the next one.
                if (sending is not null && !reader.TryPeek(out _))
                {
                    await SettleAsync(sending, await sending.Sending, writes.Token);
                    sending = null;
                }
                if (!await reader.WaitToReadAsync(stoppingToken))
                    break;
                var telemetry = await PrepareAsync(Collect(reader), stoppingToken);
                var ready = telemetry.Count > 0 ? Encode(telemetry) : null;
                var sent = sending;
                var failure = sent is null ? null : await sent.Sending;
                sending = ready is null ? null : Send(telemetry, ready, writes.Token);
                if (sent is not null)
                    await SettleAsync(sent, failure, writes.Token);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // Stopping: take no more, and write what was accepted already while the host still waits.
        _queue.Writer.TryComplete();
        try
        {
            if (sending is not null)
                await SettleAsync(sending, await sending.Sending, writes.Token);
            while (reader.TryPeek(out _))
                await WriteAsync(await PrepareAsync(Collect(reader), writes.Token), writes.Token);
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

    /// <summary>Writes a batch and settles it, one after the other (on the way out, and message by message after a refusal).</summary>
    private async Task WriteAsync(List<Pending> messages, CancellationToken ct)
    {
        if (messages.Count == 0)
            return;
        var inFlight = Send(messages, Encode(messages), ct);
        await SettleAsync(inFlight, await inFlight.Sending, ct);
    }

    private TelemetryWrite Encode(List<Pending> messages)
    {
        var samples = messages.SelectMany(p => p.Decoded!.Samples).ToList();
        try
        {
            return store.Prepare(samples);
        }
        catch (ValidationFailedException)
        {
            // Something in the batch can never be encoded: the write fails alike, and the batch is split message by message.
            return new TelemetryWrite(samples);
        }
    }

    private InFlight Send(List<Pending> messages, TelemetryWrite write, CancellationToken ct) => new(messages, write, SendWithRetriesAsync(write, ct));

    private async Task<Exception?> SendWithRetriesAsync(TelemetryWrite write, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await store.WriteAsync(write, ct);
                return null;
            }
            catch (ServiceUnavailableException) when (attempt < _options.WriteRetries)
            {
                await Task.Delay(_options.WriteRetryDelay * Math.Pow(5, attempt), time, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                return e;
            }
        }
    }

    /// <summary>After the write: counts, the duplicate memory and each message's outcome, then the observers (alarms).</summary>
    private async Task SettleAsync(InFlight sent, Exception? failure, CancellationToken ct)
    {
        var messages = sent.Messages;
        switch (failure)
        {
            case ValidationFailedException when messages.Count > 1:
                // The store refused something in the batch; write message by message so only the culprit is refused.
                foreach (var p in messages)
                    await WriteAsync([p], ct);
                return;
            case ValidationFailedException e:
                Refuse(messages[0], $"The telemetry store refused the values: {e.InnerException?.Message ?? e.Message}", messages[0].Decoded!.Vin);
                return;
            case not null:
                await FailAsync(messages, "The telemetry store did not accept the write.", failure, ct);
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
        await observers.NotifyAsync(new IntakeBatch(sent.Write.Samples, perVin, writtenAt), ct);
    }
}
