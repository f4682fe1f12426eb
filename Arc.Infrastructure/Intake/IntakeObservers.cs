using Arc.Domain.Intake;
using Microsoft.Extensions.Logging;

namespace Arc.Infrastructure.Intake;

/// <summary>Tells every <see cref="IIntakeObserver"/> about a written batch, in turn; one that fails is logged and the others still hear.</summary>
public sealed partial class IntakeObservers(IEnumerable<IIntakeObserver> observers, ILogger<IntakeObservers> logger)
{
    private readonly IIntakeObserver[] _observers = observers.ToArray();

    public async Task NotifyAsync(IntakeBatch batch, CancellationToken ct)
    {
        foreach (var observer in _observers)
        {
            try
            {
                await observer.OnBatchWrittenAsync(batch, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogObserverFailed(logger, observer.GetType().Name, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The intake observer {Observer} failed on a batch")]
    private static partial void LogObserverFailed(ILogger logger, string observer, Exception exception);
}
