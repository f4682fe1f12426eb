using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Arc.Infrastructure.Seeding;

internal static class SeedingRegistration
{
    /// <summary>Migrating and seeding the database: the first administrator, reference data and, when asked, demo data.</summary>
    internal static IHostApplicationBuilder AddSeeding(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<FirstAdministratorOptions>().BindConfiguration(FirstAdministratorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new FirstAdministratorNotice(sp.GetRequiredService<IHostEnvironment>(),
            sp.GetRequiredService<IOptions<FirstAdministratorOptions>>(), Console.Out));
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<DemoData>();
        return builder;
    }
}
