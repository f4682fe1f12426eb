using Arc.Domain.Intake;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Arc.Infrastructure.Intake;

internal static partial class IntakeRegistration
{
    /// <summary>The intake pipeline every transport feeds, its accounting and its dead-letter store.</summary>
    internal static IHostApplicationBuilder AddIntake(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<KnownVehicles>();
        services.AddSingleton<IntakeLedger>();
        services.AddSingleton<DeadLetters>();
        services.AddSingleton<IntakeObservers>();
        services.AddSingleton<IntakeHealth>();
        services.AddSingleton<IIntakeStatus>(sp => sp.GetRequiredService<IntakeHealth>());
        services.AddSingleton<IntakeLedgerFlusher>();
        services.AddHostedService(sp => sp.GetRequiredService<IntakeLedgerFlusher>());
        services.AddSingleton<IntakePipeline>();
        services.AddSingleton<IIntakePipeline>(sp => sp.GetRequiredService<IntakePipeline>());
        services.AddHostedService(sp => sp.GetRequiredService<IntakePipeline>());
        services.TryAddSingleton<IDeviceReplies, UndeliveredDeviceReplies>();
        return builder;
    }
}

/// <summary>Where answers to vehicles go when no broker or IoT data plane is configured: nowhere, said in the log.</summary>
internal sealed partial class UndeliveredDeviceReplies(ILogger<UndeliveredDeviceReplies> logger) : IDeviceReplies
{
    public Task PublishAsync(string vin, string topic, ReadOnlyMemory<byte> payload, CancellationToken ct = default)
    {
        LogUndelivered(logger, topic);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No way to reach vehicles is configured; the message for {Topic} was not sent")]
    private static partial void LogUndelivered(ILogger logger, string topic);
}
