using Arc.Infrastructure.Hosting;
using Microsoft.Extensions.Logging;

namespace Arc.Infrastructure.Telemetry;

/// <summary>Stores the latest-telemetry read model's changes every second, and once more when the portal stops.</summary>
public sealed partial class LatestTelemetryFlusher(LatestTelemetryTable table, TimeProvider time, ILogger<LatestTelemetryFlusher> logger) : FlushingService(Interval, time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task FlushPendingAsync(CancellationToken ct)
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
