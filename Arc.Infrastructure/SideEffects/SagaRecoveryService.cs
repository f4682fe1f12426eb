using Arc.Domain.Provisioning;
using Arc.Domain.Sagas;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Arc.Infrastructure.SideEffects;

/// <summary>
/// Looks for provisioning runs that a dead process left (lease run out) every <see cref="SagaOptions.RecoveryInterval"/>
/// and rolls them back. Every node runs it; a run is claimed by one of them.
/// </summary>
public sealed partial class SagaRecoveryService(IServiceScopeFactory scopes, SagaOptions options, TimeProvider time, ILogger<SagaRecoveryService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                foreach (var run in await scope.ServiceProvider.GetRequiredService<RecoverProvisioningRuns>().RunOnceAsync(stoppingToken))
                    LogRecovered(logger, run);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
            try
            {
                await Task.Delay(options.RecoveryInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provisioning run {Run} was interrupted and has been rolled back")]
    private static partial void LogRecovered(ILogger logger, long run);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for interrupted provisioning runs failed; trying again later")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
