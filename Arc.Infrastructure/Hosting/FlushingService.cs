using Microsoft.Extensions.Hosting;

namespace Arc.Infrastructure.Hosting;

/// <summary>
/// A background service that stores what was gathered in memory every <paramref name="interval"/>, and once more
/// (for at most five seconds) when the portal stops, so the last seconds' work is not lost with the process.
/// </summary>
public abstract class FlushingService(TimeSpan interval, TimeProvider time) : BackgroundService
{
    /// <summary>The clock the service ticks by, for the implementation's own times.</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>Stores what is waiting; a failure is the implementation's to log and keep for the next round.</summary>
    protected abstract Task FlushPendingAsync(CancellationToken ct);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await FlushPendingAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        using var last = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await FlushPendingAsync(last.Token);
    }
}
