using Arc.Domain.Sagas;
using Arc.Domain.SideEffects;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Arc.Infrastructure.SideEffects;

internal static class SideEffectsRegistration
{
    /// <summary>The outbox worker that carries out side effects, and the recovery of interrupted saga runs.</summary>
    internal static IHostApplicationBuilder AddSideEffects(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<OutboxOptions>>().Value);
        services.AddSingleton<OutboxWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxWorker>());
        services.AddOptions<SagaOptions>().BindConfiguration(SagaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SagaOptions>>().Value);
        services.AddHostedService<SagaRecoveryService>();
        return builder;
    }
}
