using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Arc.Infrastructure.Telemetry;

/// <summary>Stores the latest-telemetry read model's changes every second, and once more when the portal stops.</summary>
public sealed partial class LatestTelemetryFlusher(LatestTelemetryTable table, TimeProvider time, ILogger<LatestTelemetryFlusher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        using var last = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await FlushAsync(last.Token);
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        try
        {
            await table.FlushAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogFlushFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The latest telemetry could not be stored; it is kept for the next attempt")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);
}
