using Arc.Domain.Audit;
using Arc.Domain.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Arc.Domain;

public static class DomainServiceCollectionExtensions
{
    /// <summary>Every use case in this assembly, found by its <see cref="IUseCase"/> marker.</summary>
    public static IReadOnlyList<Type> UseCaseTypes { get; } = typeof(IUseCase).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IUseCase).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToList();

    /// <summary>Every kind of background work in this assembly.</summary>
    public static IReadOnlyList<Type> JobTypes { get; } = typeof(IUseCase).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Jobs.IBackgroundJob).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToList();

    /// <summary>Every kind of result the app-bar search finds (one class each).</summary>
    public static IReadOnlyList<Type> SearchKindTypes { get; } = typeof(IUseCase).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Search.ISearchKind).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToList();

    public static IServiceCollection AddDomain(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<AuditTrail>();
        services.AddScoped<UserSafeErrors>();
        services.AddScoped<Shadows.ShadowPublisher>();
        services.AddScoped<SideEffects.Outbox>();
        services.AddScoped<SideEffects.SideEffectExecutor>();
        services.TryAddSingleton(new SideEffects.OutboxOptions());
        services.TryAddSingleton(new Sagas.SagaOptions());
        services.AddScoped<Sagas.SagaRunner>();
        services.AddScoped<Provisioning.ProvisioningSaga>();
        services.AddScoped<Intake.IDeviceCheckIns, Intake.DeviceCheckIns>();
        services.AddScoped<Intake.RegisterVehicle>();
        services.AddScoped<Intake.RecordReportedState>();
        services.AddScoped<Intake.AnswerDefinitionsRequest>();
        services.AddScoped<Recalls.RecordOverTheAirRemedies>();
        services.AddScoped<Rollouts.RecordCampaignProgress>();
        services.AddScoped<Rollouts.CampaignHealthGate>();
        services.AddScoped<Provisioning.RecoverProvisioningRuns>();
        services.AddScoped<Email.EmailOutbox>();
        services.AddScoped<InsurerExports.InsurerExportQueue>();
        services.TryAddSingleton(new InsurerExports.InsurerExportOptions());
        services.AddScoped<Users.SessionKeeper>();
        services.AddScoped<Credentials.ServiceCredentialAuthenticator>();
        services.AddScoped<Users.Reauthentication>();
        services.AddScoped<Users.DirectoryChanges>();
        services.AddScoped<Authorities.FactoryPinStore>();
        services.AddScoped<ManagedSessions.ManagedPinStore>();
        services.AddScoped<ManagedSessions.ManagedPinVisibility>();
        services.AddScoped<Email.OutboxSecrets>();
        services.TryAddSingleton(new Users.SessionSettings());
        services.TryAddSingleton(new Users.MfaSettings());
        services.TryAddSingleton(new Users.PasswordResetOptions());
        services.TryAddSingleton(new RateLimitOptions());
        services.TryAddSingleton(new Telemetry.TelemetryExportOptions());
        services.TryAddSingleton(new Users.ExternalAccountSettings(null));
        services.TryAddSingleton<Provisioning.IProvisioningFaults, Provisioning.NoProvisioningFaults>();
        foreach (var type in UseCaseTypes)
            services.AddScoped(type);
        foreach (var type in JobTypes)
            services.AddScoped(typeof(Jobs.IBackgroundJob), type);
        foreach (var type in SearchKindTypes)
            services.AddScoped(typeof(Search.ISearchKind), type);
        return services;
    }
}
