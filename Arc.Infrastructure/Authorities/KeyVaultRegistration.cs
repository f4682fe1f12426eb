using Arc.Domain.Authorities;
using Arc.Infrastructure.Aws;
using Arc.Infrastructure.DevServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Arc.Infrastructure.Authorities;

internal static class KeyVaultRegistration
{
    /// <summary>The vault that seals secrets at rest: AWS KMS when KeyVault:Provider is kms, else the local AES-GCM vault.</summary>
    internal static IHostApplicationBuilder AddKeyVault(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<KeyVaultOptions>().BindConfiguration(KeyVaultOptions.Section).ValidateDataAnnotations()
            .PostConfigure(o =>
            {
                if (string.IsNullOrEmpty(o.MasterKey) && string.IsNullOrEmpty(o.MasterKeyFile) && builder.Environment.IsDevelopment())
                    o.MasterKeyFile = Path.Combine(EmbeddedServers.RepositoryRoot(builder.Environment.ContentRootPath), ".data", "keyvault.key");
            }).ValidateOnStart();
        if (string.Equals(builder.Configuration[$"{KeyVaultOptions.Section}:Provider"], "kms", StringComparison.OrdinalIgnoreCase))
        {
            var aws = AwsRegistration.Read(builder.Configuration);
            if (string.IsNullOrEmpty(aws.KmsKeyId))
                throw new InvalidOperationException("KeyVault:Provider is kms but Aws:KmsKeyId is not set.");
            services.AddSingleton<IKeyVault>(_ => new KmsKeyVault(
                new Amazon.KeyManagementService.AmazonKeyManagementServiceClient(Amazon.RegionEndpoint.GetBySystemName(aws.Region)), aws.KmsKeyId));
        }
        else
        {
            services.AddSingleton<IKeyVault, LocalKeyVault>();
        }
        services.AddSingleton<SecretResealer>();
        return builder;
    }
}
