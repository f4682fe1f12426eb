using Arc.Domain.Common;
using Arc.Infrastructure;
using Arc.Infrastructure.Persistence;
using Arc.Portal.Auth;
using Arc.Portal.Components;
using Arc.Portal.Endpoints;
using Arc.Portal.Recalls;
using Arc.Portal.Security;
using Arc.Portal.Statistics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using MudBlazor.Services;

namespace Arc.Portal;

public static class PortalServiceCollectionExtensions
{
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddCascadingAuthenticationState();

        services.AddOptions<PortalAuthOptions>().BindConfiguration(PortalAuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Arc.Domain.Users.SessionSettings>().BindConfiguration(Arc.Domain.Users.SessionSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Arc.Domain.Users.SessionSettings>>().Value);
        // An authenticator for every local account, unless relaxed: on by default outside Development.
        services.AddSingleton(new Arc.Domain.Users.MfaSettings
        {
            RequiredForLocalAccounts = builder.Configuration.GetValue($"{Arc.Domain.Users.MfaSettings.Section}:RequiredForLocalAccounts",
                !builder.Environment.IsDevelopment()),
        });
        var sessionSettings = builder.Configuration.GetSection(Arc.Domain.Users.SessionSettings.Section).Get<Arc.Domain.Users.SessionSettings>()
            ?? new Arc.Domain.Users.SessionSettings();
        services.AddScoped<AuthenticationStateProvider, PortalAuthenticationStateProvider>();
        services.AddScoped<SessionValidator>();
        services.AddScoped<PortalCurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<PortalCurrentUser>());
        services.AddScoped<Arc.Domain.Jobs.IJobActor>(sp => sp.GetRequiredService<PortalCurrentUser>());
        services.AddScoped<RequestCorrelation>();
        services.AddScoped<ICorrelation>(sp => sp.GetRequiredService<RequestCorrelation>());
        services.AddScoped<ThemeState>();
        services.AddOptions<Security.MapOptions>().BindConfiguration(Security.MapOptions.Section);

        services.AddDataProtection().SetApplicationName("arc-portal").PersistKeysToDbContext<ArcDbContext>();
        services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<Arc.Domain.Authorities.IKeyVault>((options, vault) => options.XmlEncryptor = new Security.VaultXmlEncryptor(vault));
        var sessionCookie = SessionCookie.For(builder.Configuration, builder.Environment);
        var authentication = services.AddAuthentication(options =>
        {
            options.DefaultScheme = PortalClaims.Scheme;
            options.DefaultAuthenticateScheme = ApiAuthentication.AuthenticateScheme;
            options.DefaultChallengeScheme = ApiAuthentication.ChallengeScheme;
            options.DefaultForbidScheme = ApiAuthentication.ForbidScheme;
        });
        authentication.AddApiSchemes(providerIssuer: authentication.AddProviderBearer(builder.Configuration)).AddClientCertificates(builder);
        builder.AddServiceCredentialTokens();
        authentication.AddCookie(PortalClaims.Scheme, options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/access-denied";
            sessionCookie.ApplyTo(options.Cookie);
            // The server decides how long a session lives (idle and absolute); the cookie never outlives the absolute end.
            options.ExpireTimeSpan = sessionSettings.AbsoluteLifetime;
            options.SlidingExpiration = false;
            options.Events.OnValidatePrincipal = async context =>
            {
                var validator = context.HttpContext.RequestServices.GetRequiredService<SessionValidator>();
                if (!await validator.IsValidAsync(context.Principal!, fresh: false, activity: true, context.HttpContext.RequestAborted))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(PortalClaims.Scheme);
                }
            };
        });
        authentication.AddExternalSignIn(builder.Configuration, services);
        services.AddAuthorization(options => options.AddPermissionPolicies());
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, PermissionHandler>();

        services.AddSingleton<SignInThrottle>();
        services.AddDomainProblems();
        Api.Legacy.LegacyApi.AddLegacyApi(services);
        services.AddPortalOpenApi();
        services.AddSingleton<Endpoints.IdempotencyStore>();
        services.AddFleetStatistics();
        services.AddRecallLookup();
        services.AddRateLimiter(options => options.AddPolicy<string, Api.ApiRateLimit>(Api.ApiRateLimit.Name));
        builder.AddTransportSecurity();
        return builder;
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        app.UseForwardedHeaders();
        // Before the error page, so a failed request's log entries and its error page share one reference.
        RequestCorrelation.UseCorrelation(app);
        app.UseDomainProblems();
        Api.Legacy.LegacyApi.UseLegacyApiErrors(app);
        if (!app.Environment.IsDevelopment())
        {
            // A request the portal could not read (a malformed body, say) is the caller's fault: its error page says 400.
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/error", CreateScopeForErrors = true,
                StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            });
            app.UseHsts();
        }
        var map = app.Configuration.GetSection(Security.MapOptions.Section).Get<Security.MapOptions>() ?? new Security.MapOptions();
        app.UseSecurityHeaders(map.TileOrigin);
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        SignInThrottle.Use(app);
        Api.ApiBodyLimit.UseApiBodyLimit(app);
        app.UseIdempotencyKeys();
        ClientCertificates.UseForwardedClientCertificates(app);
        app.UseAuthentication();
        // After authentication: the API's limit is kept per service credential, which the request's token names.
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        // HEAD answers as GET does; only GET is described, an operation id naming one operation.
        app.MapMethods("/health", [HttpMethods.Head], HealthReportWriter.WriteAsync).AllowAnonymous();
        app.MapGet("/health", HealthReportWriter.WriteAsync).AllowAnonymous()
            .WithName("Health").WithTags("Operations").WithSummary("Whether PostgreSQL and InfluxDB answer (JSON).").Produces(StatusCodes.Status200OK, contentType: "application/json");
        app.MapPortalOpenApi();
        app.MapAccountEndpoints();
        app.MapProvisioningEndpoints();
        app.MapInsurerExportEndpoints();
        app.MapRecallReportEndpoints();
        app.MapTsbAttachmentEndpoints();
        app.MapFleetStatistics();
        app.MapRecallLookup();
        app.MapTripEndpoints();
        app.MapVehicleProvisioningApi();
        Api.VehicleApiEndpoints.MapVehicleApi(app);
        Api.ResourceApi.MapResourceApis(app);
        Api.Legacy.LegacyApi.MapLegacyApi(app);
        Endpoints.DiagnosticsEndpoints.MapDevelopmentDiagnostics(app, app.Environment);
        app.MapExternalSignIn();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
