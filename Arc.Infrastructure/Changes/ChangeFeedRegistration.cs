using Arc.Domain.Changes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Arc.Infrastructure.Changes;

public static class ChangeFeedRegistration
{
    /// <summary>One feed per node: a hosted service that listens, and the <see cref="IChangeFeed"/> pages use.</summary>
    internal static IHostApplicationBuilder AddChangeFeed(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(InfrastructureServiceCollectionExtensions.ConnectionStringName)!;
        var services = builder.Services;
        services.AddOptions<ChangeFeedOptions>().BindConfiguration(ChangeFeedOptions.Section)
            .PostConfigure(o => o.ConnectionString = connectionString)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new PostgresChangeFeed(sp.GetRequiredService<IOptions<ChangeFeedOptions>>().Value,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<PostgresChangeFeed>>()));
        services.AddSingleton<IChangeFeed>(sp => sp.GetRequiredService<PostgresChangeFeed>());
        services.AddHostedService(sp => sp.GetRequiredService<PostgresChangeFeed>());
        return builder;
    }
}
