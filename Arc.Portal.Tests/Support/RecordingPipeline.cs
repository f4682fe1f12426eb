using System.Collections.Concurrent;
using Arc.Domain.Intake;

namespace Arc.Portal.Tests.Support;

/// <summary>
/// A stand-in for the intake pipeline in transport tests: it keeps every message it is handed and settles it as the
/// test says, dead-lettering a failing message at its last attempt as the real pipeline does.
/// </summary>
public sealed class RecordingPipeline : IIntakePipeline
{
    private volatile TaskCompletionSource _gate = Open();

    public ConcurrentQueue<(IntakeMessage Message, IntakeOutcome Outcome)> Handled { get; } = new();

    /// <summary>The portal's default Intake:MaxAttempts.</summary>
    public const int MaxAttempts = 5;

    /// <summary>Whether writing works; when it does not, every message fails (and is dead-lettered at its last attempt).</summary>
    public bool Writing { get; set; } = true;

    /// <summary>Holds every outcome back until <see cref="Release"/>, like a batch that is slow to write.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    public IReadOnlyList<IntakeMessage> Received(string messageId) => Handled.Where(h => h.Message.MessageId == messageId).Select(h => h.Message).ToList();

    /// <summary>While set and not completed, a message waits for room as in a full pipeline.</summary>
    public TaskCompletionSource? Full { get; set; }

    /// <summary>Every message handed over, in order.</summary>
    public IEnumerable<IntakeMessage> Messages => Handled.Select(h => h.Message);

    public IReadOnlyList<IntakeMessage> For(string topic) => Messages.Where(m => m.Topic == topic).ToList();

    public async ValueTask<Task<IntakeOutcome>> EnqueueAsync(IntakeMessage message, CancellationToken ct = default)
    {
        if (Full is { } full)
            await full.Task.WaitAsync(ct);
        var outcome = Writing ? IntakeOutcome.Written
            : message.Attempt >= MaxAttempts ? IntakeOutcome.DeadLettered("writing failed 5 times")
            : IntakeOutcome.Failed("the telemetry store is unavailable");
        var gate = _gate.Task;
        return SettleAsync(message, outcome, gate);
    }

    private async Task<IntakeOutcome> SettleAsync(IntakeMessage message, IntakeOutcome outcome, Task gate)
    {
        Handled.Enqueue((message, outcome));
        await gate;
        return outcome;
    }

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}
