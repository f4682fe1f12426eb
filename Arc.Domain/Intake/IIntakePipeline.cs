using Arc.Domain.Telemetry;

namespace Arc.Domain.Intake;

/// <summary>
/// The one way into the portal for what vehicles send, whichever transport carried it. Both transports hand every
/// message here; the pipeline checks it, writes telemetry in batches and accounts for it.
/// </summary>
public interface IIntakePipeline
{
    /// <summary>
    /// Hands a message over. The returned task completes once the pipeline has room for it (a full pipeline makes the
    /// transport wait, so a flood slows the senders instead of filling memory); the inner task completes once the
    /// message is settled or failed. A queue deletes its message only when the outcome is <see cref="IntakeOutcome.Settled"/>.
    /// </summary>
    ValueTask<Task<IntakeOutcome>> EnqueueAsync(IntakeMessage message, CancellationToken ct = default);
}

/// <summary>What one batch wrote, for whoever reacts to telemetry as it arrives (alarm rules).</summary>
/// <param name="Samples">The samples written, in the order they arrived.</param>
/// <param name="MessagesByVin">How many messages each vehicle sent in this batch (for the telemetry-flood rule).</param>
/// <param name="WrittenAt">When the batch became queryable.</param>
public sealed record IntakeBatch(IReadOnlyList<TelemetrySample> Samples, IReadOnlyDictionary<string, int> MessagesByVin, DateTimeOffset WrittenAt);

/// <summary>
/// Told about every written batch, after its messages are settled, one batch at a time and in order. A slow observer
/// slows the intake down rather than missing batches, so an observer keeps its work short.
/// </summary>
public interface IIntakeObserver
{
    Task OnBatchWrittenAsync(IntakeBatch batch, CancellationToken ct);
}

/// <summary>
/// Sends a message to one vehicle on one of its own topics (the answer to a telemetry definitions request): through
/// the portal's broker when the vehicle is connected to it, through AWS IoT Core's data plane in production.
/// </summary>
public interface IDeviceReplies
{
    Task PublishAsync(string vin, string topic, ReadOnlyMemory<byte> payload, CancellationToken ct = default);
}
