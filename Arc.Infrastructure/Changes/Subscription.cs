using Microsoft.Extensions.Logging;

namespace Arc.Infrastructure.Changes;

/// <summary>
/// One subscriber's handler, run on the thread pool so a slow page never holds up the listener. Signals that arrive
/// while the handler runs are folded into one more run after it: a burst of a thousand changes costs a page two reads.
/// </summary>
internal sealed partial class Subscription(Func<Task> changed, ILogger logger)
{
    private const int Idle = 0, Running = 1, RunningAndDirty = 2;
    private int _state;

    public void Signal()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            var next = state == Idle ? Running : RunningAndDirty;
            if (state == RunningAndDirty || Interlocked.CompareExchange(ref _state, next, state) == state)
            {
                if (state == Idle)
                    _ = Task.Run(RunAsync);
                return;
            }
        }
    }

    private async Task RunAsync()
    {
        while (true)
        {
            try
            {
                await changed();
            }
            catch (Exception e)
            {
                LogHandlerFailed(logger, e);
            }
            // Dirty: run once more. Running: nothing came in meanwhile, go idle.
            if (Interlocked.CompareExchange(ref _state, Idle, Running) == Running)
                return;
            Volatile.Write(ref _state, Running);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A change feed subscriber failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception e);
}
