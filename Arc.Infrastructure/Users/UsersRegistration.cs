using Arc.Domain.Users;
using Arc.Infrastructure.Aws;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Arc.Infrastructure.Users;

internal static class UsersRegistration
{
    /// <summary>Passwords, account state and the user directory: Cognito when a user pool is configured, else the portal's database.</summary>
    internal static IHostApplicationBuilder AddUsers(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IPasswordHashing, AspNetPasswordHashing>();
        services.AddOptions<PasswordOptions>().BindConfiguration(PasswordOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new PasswordPolicy(sp.GetRequiredService<IOptions<PasswordOptions>>().Value.MinLength));
        services.AddSingleton<AccountStateStore>();
        services.AddSingleton<Credentials.CredentialStateStore>();
        services.AddSingleton<Arc.Domain.Credentials.ICredentialStateCache>(sp => sp.GetRequiredService<Credentials.CredentialStateStore>());
        services.AddSingleton<Credentials.ApiClientAuthority>();
        services.AddSingleton<Arc.Domain.Credentials.IClientCertificateAuthority>(sp => sp.GetRequiredService<Credentials.ApiClientAuthority>());
        services.AddOptions<PasswordResetOptions>().BindConfiguration(PasswordResetOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PasswordResetOptions>>().Value);

        var aws = AwsRegistration.Read(builder.Configuration);
        if (!string.IsNullOrEmpty(aws.CognitoUserPoolId))
        {
            services.AddHttpClient(nameof(CognitoUserDirectory), client =>
                    client.BaseAddress = new Uri((aws.CognitoEndpoint?.ToString() ?? $"https://cognito-idp.{aws.Region}.amazonaws.com").TrimEnd('/') + "/"))
                .SignedFor(aws.Region, CognitoUserDirectory.SigningName);
            services.TryAddSingleton<IUserDirectory>(sp => new CognitoUserDirectory(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(CognitoUserDirectory)), aws.CognitoUserPoolId, sp.GetRequiredService<TimeProvider>()));
        }
        services.TryAddSingleton<IUserDirectory, LocalUserDirectory>();
        services.AddSingleton<IAvatarImages, SkiaAvatarImages>();
        return builder;
    }
}
