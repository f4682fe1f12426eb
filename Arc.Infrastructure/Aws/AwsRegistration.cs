using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Arc.Infrastructure.Aws;

internal static class AwsRegistration
{
    /// <summary>The AWS settings and the credentials every signed client uses; which adapters are AWS ones is each concern's choice.</summary>
    internal static IHostApplicationBuilder AddAws(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AwsOptions>().BindConfiguration(AwsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IAwsCredentialSource, DefaultAwsCredentialSource>();
        return builder;
    }

    /// <summary>The AWS settings as registration needs them, to choose the adapters (validated again on start).</summary>
    internal static AwsOptions Read(IConfiguration configuration) =>
        configuration.GetSection(AwsOptions.Section).Get<AwsOptions>() ?? new AwsOptions();

    /// <summary>Signs every request of the client with SigV4 for the service.</summary>
    internal static IHttpClientBuilder SignedFor(this IHttpClientBuilder client, string region, string signingName) =>
        client.AddHttpMessageHandler(sp => new SigV4Handler(sp.GetRequiredService<IAwsCredentialSource>(), region, signingName,
            sp.GetRequiredService<TimeProvider>()));
}
