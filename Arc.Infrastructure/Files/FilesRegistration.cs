using Arc.Domain.Files;
using Arc.Infrastructure.Aws;
using Arc.Infrastructure.DevServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Arc.Infrastructure.Files;

internal static class FilesRegistration
{
    /// <summary>The file store Files:Provider names: a directory of the portal's data (local, the default) or an S3 bucket.</summary>
    internal static IHostApplicationBuilder AddFiles(this IHostApplicationBuilder builder)
    {
        var environment = builder.Environment;
        builder.Services.AddOptions<FilesOptions>().BindConfiguration(FilesOptions.Section).ValidateDataAnnotations()
            .PostConfigure(o =>
            {
                if (string.IsNullOrWhiteSpace(o.Directory))
                {
                    var root = environment.IsDevelopment() ? EmbeddedServers.RepositoryRoot(environment.ContentRootPath) : environment.ContentRootPath;
                    o.Directory = Path.Combine(root, ".data", "files");
                }
            }).ValidateOnStart();
        var awsRegion = AwsRegistration.Read(builder.Configuration).Region;
        builder.Services.AddSingleton<IFileStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<FilesOptions>>().Value;
            return options.IsS3 ? new S3FileStore(S3FileStore.CreateClient(options, awsRegion), options.Bucket!) : new LocalFileStore(options.Directory!);
        });
        return builder;
    }
}
