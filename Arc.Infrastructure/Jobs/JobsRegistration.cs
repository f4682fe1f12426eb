using Arc.Domain.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Arc.Infrastructure.Jobs;

internal static class JobsRegistration
{
    /// <summary>The durable job queue (Hangfire in the portal's database) and the node's workers.</summary>
    internal static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var connectionString = builder.Configuration.GetConnectionString(InfrastructureServiceCollectionExtensions.ConnectionStringName)!;
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new HangfireJobs(connectionString, sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<IOptions<JobsOptions>>(), sp.GetRequiredService<ILogger<HangfireJobs>>()));
        services.AddSingleton<IBackgroundJobs>(sp => sp.GetRequiredService<HangfireJobs>());
        services.AddHostedService(sp => sp.GetRequiredService<HangfireJobs>());
        services.AddScoped<JobDispatcher>();
        return builder;
    }
}
