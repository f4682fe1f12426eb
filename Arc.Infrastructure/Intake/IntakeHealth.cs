using Arc.Domain.Common;
using Arc.Domain.Email;
using Arc.Domain.Intake;
using Arc.Domain.Telemetry;
using Arc.Infrastructure.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Arc.Infrastructure.Intake;

/// <summary>
/// Whether the intake is writing. Once writes have failed without a success for <see cref="IntakeOptions.AlertAfter"/>,
/// the old system's telematics error email goes out, once per episode; the intake page shows the episode.
/// </summary>
public sealed partial class IntakeHealth(IServiceScopeFactory scopes, PortalEnvironment environment, IOptions<IntakeOptions> options,
    ITelemetryStore store, IOptions<TelemetryOptions> telemetry, ILogger<IntakeHealth> logger) : IIntakeStatus
{
    private readonly Lock _lock = new();
    private bool _alerted;

    /// <summary>When the current run of failures began, or null while writes succeed.</summary>
    public DateTimeOffset? FailingSince { get; private set; }
    public string? LastFailure { get; private set; }

    public (DateTimeOffset? Since, string? Reason) Failing
    {
        get
        {
            lock (_lock)
                return (FailingSince, LastFailure);
        }
    }

    public async Task<(long Vins, long Limit)> VinCapacityAsync(CancellationToken ct) => (await store.VinCountAsync(ct), telemetry.Value.MaxValuesPerTag);

    public void Succeeded()
    {
        lock (_lock)
            (FailingSince, LastFailure, _alerted) = (null, null, false);
    }

    public void Failed(string reason, DateTimeOffset now)
    {
        bool alert;
        DateTimeOffset since;
        lock (_lock)
        {
            FailingSince ??= now;
            LastFailure = reason;
            since = FailingSince.Value;
            alert = !_alerted && now - since >= options.Value.AlertAfter && !string.IsNullOrEmpty(options.Value.AlertEmail);
            _alerted |= alert;
        }
        if (alert)
            _ = AlertAsync(reason, since);
    }

    private async Task AlertAsync(string reason, DateTimeOffset since)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var data = scope.ServiceProvider.GetRequiredService<IArcDataFactory>().Open();
            await using (data)
            {
                var outbox = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
                var suffix = environment.Environment == DeploymentEnvironment.Prod ? "" : $" - {environment.Environment.DisplayName()}";
                await outbox.QueueAsync(data, options.Value.AlertEmail!, EmailTemplates.TelematicsError, new
                {
                    Subject = $"Telematics Error{suffix}",
                    Message = $"The telemetry intake has failed to write since {since:yyyy-MM-dd HH:mm:ss} UTC: {reason} Messages are kept for redelivery or in the dead-letter store.",
                    Source = "telemetry intake",
                    SourceType = "intake",
                    Severity = "ERROR",
                });
                await data.SaveChangesAsync();
                outbox.Deliver();
            }
        }
        catch (Exception e)
        {
            LogAlertFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The telematics error email could not be queued")]
    private static partial void LogAlertFailed(ILogger logger, Exception exception);
}
