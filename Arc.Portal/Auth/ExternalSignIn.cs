using System.Security.Claims;
using Arc.Domain.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Arc.Portal.Auth;

/// <summary>Sign-in through an OpenID Connect provider besides local accounts (README: "Signing in with Cognito or Entra ID").</summary>
public sealed class ExternalSignInOptions
{
    public const string Section = "Portal:Oidc";

    /// <summary>Empty (local accounts only), <c>oidc</c> (any OpenID provider, such as a Cognito user pool) or <c>entra</c>.</summary>
    public string? Provider { get; set; }

    /// <summary>The button's words: "Sign in with …".</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>The issuer, e.g. https://cognito-idp.us-west-2.amazonaws.com/us-west-2_AbCdEf (for <c>oidc</c>).</summary>
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>Only for a provider on this machine in tests: plain HTTP, answers in the query string, lax cookies.</summary>
    public bool AllowHttp { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Provider);
}

public static class ExternalSignIn
{
    public const string Scheme = "oidc";

    public static void AddExternalSignIn(this AuthenticationBuilder authentication, IConfiguration configuration, IServiceCollection services)
    {
        var options = configuration.GetSection(ExternalSignInOptions.Section).Get<ExternalSignInOptions>() ?? new ExternalSignInOptions();
        services.AddSingleton(options);
        switch (options.Provider?.ToLowerInvariant())
        {
            case null or "":
                return;
            case "oidc" or "cognito":
                if (string.IsNullOrWhiteSpace(options.Authority) || string.IsNullOrWhiteSpace(options.ClientId))
                    throw new InvalidOperationException("Portal:Oidc:Provider is oidc but Portal:Oidc:Authority or ClientId is missing.");
                authentication.AddOpenIdConnect(Scheme, oidc =>
                {
                    oidc.Authority = options.Authority;
                    oidc.ClientId = options.ClientId;
                    oidc.ClientSecret = options.ClientSecret;
                    oidc.ResponseType = "code";
                    oidc.UsePkce = true;
                    oidc.Scope.Add("email");
                    oidc.Scope.Add("profile");
                    oidc.MapInboundClaims = false;
                    oidc.GetClaimsFromUserInfoEndpoint = true;
                    oidc.ClaimActions.MapUniqueJsonKey("email_verified", "email_verified");
                    Configure(oidc, options, "oidc");
                });
                return;
            case "entra":
                services.AddSingleton(new ExternalAccountSettings(EntraTenant.Require(configuration[EntraTenant.Setting])));
                authentication.AddMicrosoftIdentityWebApp(configuration.GetSection("AzureAd"), Scheme, cookieScheme: null);
                services.Configure<OpenIdConnectOptions>(Scheme, oidc => Configure(oidc, options, "entra"));
                return;
            default:
                throw new InvalidOperationException($"Portal:Oidc:Provider must be oidc or entra, not '{options.Provider}'.");
        }
    }

    private static void Configure(OpenIdConnectOptions oidc, ExternalSignInOptions options, string provider)
    {
        oidc.SignInScheme = PortalClaims.Scheme;
        oidc.CallbackPath = "/signin-oidc";
        if (options.AllowHttp)
        {
            oidc.RequireHttpsMetadata = false;
            oidc.ResponseMode = OpenIdConnectResponseMode.Query;
            oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
            oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.NonceCookie.SameSite = SameSiteMode.Lax;
            oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        }
        var earlier = oidc.Events.OnTicketReceived;
        oidc.Events.OnTicketReceived = async context =>
        {
            await earlier(context);
            var external = context.Principal!;
            var result = await context.HttpContext.RequestServices.GetRequiredService<SignInWithExternalAccount>()
                .HandleAsync(Identity(provider, external), context.HttpContext.RequestAborted);
            if (result.Outcome == SignInOutcome.CodeRequired)
            {
                // The provider gave no second factor: the portal's authenticator step on the sign-in page follows.
                context.HandleResponse();
                // Carried in a short-lived cookie for the sign-in page only, never in a URL that logs and history keep.
                var pending = Components.Users.Account.Login.PendingCode(context.HttpContext.RequestServices).Protect(result.User!.Username, TimeSpan.FromMinutes(5));
                context.Response.Cookies.Append(Components.Users.Account.Login.PendingCookie, pending, new CookieOptions
                {
                    HttpOnly = true, Secure = context.Request.IsHttps, SameSite = SameSiteMode.Lax, Path = "/account/login",
                    MaxAge = TimeSpan.FromMinutes(5), IsEssential = true,
                });
                context.Response.Redirect("/account/login?ReturnUrl=" + Uri.EscapeDataString(Security.ReturnUrls.Safe(context.ReturnUri)));
                return;
            }
            if (!result.Succeeded)
            {
                context.HandleResponse();
                context.Response.Redirect("/account/login?external=" + result.Outcome switch
                {
                    SignInOutcome.Disabled => "disabled",
                    SignInOutcome.MfaRequired => "mfa",
                    _ => "unknown",
                });
                return;
            }
            var session = await context.HttpContext.RequestServices.GetRequiredService<SessionKeeper>().StartAsync(result.User!.Username,
                result.User.SecurityStamp, context.Request.Headers.UserAgent.ToString(), context.HttpContext.Connection.RemoteIpAddress?.ToString(),
                context.HttpContext.RequestAborted);
            context.Principal = PortalClaims.For(result.User!, session);
            if (context.ReturnUri is null or "/")
                context.ReturnUri = result.LandingPage;
        };
        oidc.Events.OnRemoteFailure = context =>
        {
            context.HandleResponse();
            context.Response.Redirect("/account/login?external=failed");
            return Task.CompletedTask;
        };
    }

    /// <summary>
    /// What the provider's token says. Entra is read by tenant and object id; its email (or, lacking one, the sign-in
    /// name) is managed by the tenant, which the use case checks. Other providers must vouch for the email themselves.
    /// </summary>
    public static ExternalIdentity Identity(string provider, ClaimsPrincipal external)
    {
        // Only the email claim itself: a sign-in name (preferred_username) is not an address anyone verified.
        var email = external.FindFirstValue("email") ?? external.FindFirstValue(ClaimTypes.Email);
        if (provider == ExternalIdentity.Entra)
            return new ExternalIdentity(provider,
                external.FindFirstValue("oid") ?? external.FindFirstValue("http://schemas.microsoft.com/identity/claims/objectidentifier"),
                // Entra's email is editable; it is verified only when the tenant owns its domain (the optional claim xms_edov).
                email, EmailVerified: IsTrue(external.FindFirstValue("xms_edov")),
                external.FindFirstValue("tid") ?? external.FindFirstValue("http://schemas.microsoft.com/identity/claims/tenantid"),
                MfaAsserted: SecondFactor(external));
        var verified = string.Equals(external.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase);
        return new ExternalIdentity(provider, external.FindFirstValue("sub") ?? external.FindFirstValue(ClaimTypes.NameIdentifier), email, verified,
            MfaAsserted: SecondFactor(external));
    }

    private static bool IsTrue(string? value) => value is not null && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the token's <c>amr</c> (as sent, or as ASP.NET Core maps it) names a second factor.</summary>
    private static bool SecondFactor(ClaimsPrincipal external) =>
        ExternalIdentity.NamesSecondFactor(external.FindAll("amr").Concat(external.FindAll(ClaimTypes.AuthenticationMethod))
            .Concat(external.FindAll("http://schemas.microsoft.com/claims/authnmethodsreferences")).Select(c => c.Value));

    public static IEndpointRouteBuilder MapExternalSignIn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/account/external", (string? returnUrl, ExternalSignInOptions options) =>
            options.Enabled
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = Security.ReturnUrls.Safe(returnUrl) }, [Scheme])
                : Results.NotFound()).AllowAnonymous()
            .WithName("ExternalSignIn").WithTags("Account").WithSummary("Starts a sign-in with the configured identity provider.")
            .Produces(StatusCodes.Status302Found).Produces(StatusCodes.Status404NotFound);
        return endpoints;
    }
}
