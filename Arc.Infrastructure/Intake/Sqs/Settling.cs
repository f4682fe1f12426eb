namespace Arc.Infrastructure.Intake.Sqs;

/// <summary>
/// The receives whose messages are with the pipeline and not yet deleted: a loop takes <see cref="Room"/> before it
/// receives, and the room comes back when that receive's messages are settled and deleted, so at most a fixed number
/// of messages are in flight however quickly the queue answers.
/// </summary>
internal sealed class Settling(int receives)
{
    private readonly Lock _lock = new();
    private readonly HashSet<Task> _pending = [];

    public SemaphoreSlim Room { get; } = new(receives, receives);

    /// <summary>Keeps the settlement until it ends, then gives its room back.</summary>
    public void Track(Task settlement)
    {
        lock (_lock)
            _pending.Add(settlement);
        _ = settlement.ContinueWith(done =>
        {
            lock (_lock)
                _pending.Remove(done);
            Room.Release();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Waits for every settlement still running (the loops have stopped, so no new one starts).</summary>
    public Task DrainAsync()
    {
        lock (_lock)
            return Task.WhenAll(_pending);
    }
}
