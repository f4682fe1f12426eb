using Arc.Domain;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Services;

namespace Arc.Portal.Tests.Support;

/// <summary>A fixed caller for component tests: a username and a set of permissions.</summary>
public sealed class FixedUser(string? username, IReadOnlySet<string> permissions) : ICurrentUser
{
    public Task<string?> GetUsernameAsync(CancellationToken ct = default) => Task.FromResult(username);

    public Task<IReadOnlySet<string>> GetPermissionsAsync(CancellationToken ct = default) => Task.FromResult(permissions);
}

public static class ComponentHost
{
    /// <summary>
    /// A bUnit context whose use cases run for real against the portal's database, as a user holding the given
    /// permissions (the same permissions also decide the page's AuthorizeView policies).
    /// </summary>
    public static async Task<BunitContext> CreateAsync(PortalServer portal, params string[] permissions)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddDomain();
        context.Services.AddSingleton(portal.Services.GetRequiredService<IArcDataFactory>());
        context.Services.AddSingleton(portal.Services.GetRequiredService<PortalEnvironment>());
        context.Services.AddSingleton(portal.Services.GetRequiredService<Arc.Domain.Shadows.IDeviceShadows>());
        context.Services.AddSingleton(portal.Services.GetRequiredService<Arc.Domain.Authorities.IKeyVault>());
        context.Services.AddSingleton(portal.Services.GetRequiredService<Arc.Domain.Provisioning.IDeviceRegistry>());
        context.Services.AddSingleton(portal.Services.GetRequiredService<Arc.Domain.Jobs.IBackgroundJobs>());
        context.Services.AddSingleton(portal.Services.GetRequiredService<Arc.Domain.Users.IUserDirectory>());
        context.Services.AddSingleton(portal.Services.GetRequiredService<Arc.Domain.Users.IPasswordHashing>());
        context.Services.AddSingleton(portal.Services.GetRequiredService<Arc.Domain.Users.PasswordPolicy>());
        context.Services.AddSingleton(portal.Services.GetRequiredService<Arc.Domain.Users.IAvatarImages>());
        context.Services.AddSingleton(portal.Services.GetRequiredService<Arc.Domain.Telemetry.ITelemetryStore>());
        context.Services.AddSingleton(portal.Services.GetRequiredService<Arc.Domain.Telemetry.ILatestTelemetry>());
        context.Services.AddSingleton(portal.Services.GetRequiredService<Arc.Domain.Changes.IChangeFeed>());
        context.Services.AddSingleton(portal.Services.GetRequiredService<Arc.Domain.Files.IFileStore>());
        context.Services.AddSingleton(portal.Services.GetRequiredService<Arc.Domain.Credentials.ICredentialStateCache>());
        context.Services.AddSingleton(portal.Services.GetRequiredService<Arc.Domain.Credentials.IClientCertificateAuthority>());
        context.Services.AddSingleton<ICorrelation>(new FixedCorrelation());
        context.Services.AddSingleton(portal.Services.GetRequiredService<RateLimitOptions>());
        context.Services.AddSingleton(portal.Services.GetRequiredService<Arc.Infrastructure.Security.RateLimitCounters>());
        context.Services.AddScoped<IRateLimits, Arc.Infrastructure.Security.InMemoryRateLimits>();
        var username = permissions.Length == 0 ? await portal.CreateUserAsync($"nobody-{Guid.NewGuid():N}@arc.test") : await portal.AdminUsernameAsync();
        context.Services.AddSingleton<ICurrentUser>(new FixedUser(username, permissions.ToHashSet()));
        var auth = context.AddAuthorization();
        auth.SetAuthorized("Component Tester");
        auth.SetPolicies(permissions);
        return context;
    }

    public static IRenderedComponent<TComponent> RenderWithProviders<TComponent>(this BunitContext context,
        Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null) where TComponent : IComponent
    {
        context.Render<MudPopoverProvider>();
        return context.Render(parameters ?? (_ => { }));
    }

    public static void NavigateTo(this BunitContext context, string relativeUri) =>
        context.Services.GetRequiredService<NavigationManager>().NavigateTo(relativeUri);

    private sealed class FixedCorrelation : ICorrelation
    {
        public string Id { get; } = "component-test";
    }
}
