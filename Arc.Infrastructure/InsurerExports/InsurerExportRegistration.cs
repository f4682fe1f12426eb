using Arc.Domain.InsurerExports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Arc.Infrastructure.InsurerExports;

internal static class InsurerExportRegistration
{
    /// <summary>Where the insurer export's file goes and who is told (InsurerExport).</summary>
    internal static IHostApplicationBuilder AddInsurerExport(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<InsurerExportOptions>().BindConfiguration(InsurerExportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<InsurerExportOptions>>().Value);
        return builder;
    }
}
