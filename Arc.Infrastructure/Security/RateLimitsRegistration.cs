using Arc.Domain.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Arc.Infrastructure.Security;

internal static class RateLimitsRegistration
{
    /// <summary>Per-user limits on expensive operations, counted in this node's memory.</summary>
    internal static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        builder.Services.AddSingleton<RateLimitCounters>();
        builder.Services.AddScoped<IRateLimits, InMemoryRateLimits>();
        return builder;
    }
}
