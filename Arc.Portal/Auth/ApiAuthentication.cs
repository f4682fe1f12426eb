using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Validation.AspNetCore;

namespace Arc.Portal.Auth;

/// <summary>
/// How a request is authenticated: pages by the session cookie; the HTTP API (<c>/api</c> and the old routes) by a bearer access token
/// from <c>/connect/token</c>, by a client certificate (<see cref="ClientCertificates"/>) or, for signed-in staff, by the same cookie. A bearer token anywhere else is ignored. On the
/// API a missing or refused token is answered 401 with WWW-Authenticate and a missing permission 403, never a redirect
/// to the sign-in page.
/// </summary>
public static class ApiAuthentication
{
    public const string AuthenticateScheme = "ArcAuthenticate";
    public const string ChallengeScheme = "ArcChallenge";
    public const string ForbidScheme = "ArcForbid";
    public const string ApiPrefix = "/api";
    public const string CredentialClaim = "arc:credential";
    public const string SecretClaim = "arc:secret";

    /// <param name="providerIssuer">The configured OpenID provider's issuer, whose tokens are accepted too (<see cref="ProviderBearer"/>); null when none.</param>
    public static AuthenticationBuilder AddApiSchemes(this AuthenticationBuilder authentication, string? providerIssuer) =>
        authentication
            .AddPolicyScheme(AuthenticateScheme, "Session cookie, or a bearer token or client certificate on the API", options =>
                options.ForwardDefaultSelector = context => !IsApi(context) ? PortalClaims.Scheme
                    : HasBearer(context) ? BearerScheme(context, providerIssuer)
                    : ClientCertificates.Presented(context) ? ClientCertificates.Scheme
                    : PortalClaims.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiChallengeHandler>(ApiChallengeHandler.SchemeName, null)
            .AddPolicyScheme(ChallengeScheme, "Sign-in page, or 401 on the API", options =>
                options.ForwardDefaultSelector = context => !IsApi(context) ? PortalClaims.Scheme
                    // The old routes answer every refusal as the old gateway did, whatever was wrong with the token.
                    : HasBearer(context) && !Api.Legacy.LegacyApi.IsLegacyPath(context.Request.Path) && BearerScheme(context, providerIssuer) != ProviderBearer.Scheme
                        ? OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme
                    : ApiChallengeHandler.SchemeName)
            .AddPolicyScheme(ForbidScheme, "Access-denied page, or 403 on the API", options =>
                options.ForwardDefaultSelector = context => IsApi(context) ? ApiChallengeHandler.SchemeName : PortalClaims.Scheme);

    /// <summary>The API: <c>/api</c>, and the old API Gateway routes kept (<see cref="Api.Legacy.LegacyApi"/>).</summary>
    public static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments(ApiPrefix, StringComparison.OrdinalIgnoreCase) || Api.Legacy.LegacyApi.IsLegacyPath(context.Request.Path);

    private static string BearerScheme(HttpContext context, string? providerIssuer) =>
        providerIssuer is not null && ProviderBearer.IsProviderToken(context.Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim(), providerIssuer)
            ? ProviderBearer.Scheme : OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;

    private static bool HasBearer(HttpContext context) =>
        context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary>The credential and secret a token was issued for, when the principal is a service credential's.</summary>
    public static (int CredentialId, int SecretId)? Credential(this ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true
        && int.TryParse(principal.FindFirst(CredentialClaim)?.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
        && int.TryParse(principal.FindFirst(SecretClaim)?.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var secret)
            ? (id, secret) : null;
}
