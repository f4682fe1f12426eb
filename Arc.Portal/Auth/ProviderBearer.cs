using System.Security.Claims;
using Arc.Domain.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Arc.Portal.Auth;

/// <summary>
/// Bearer tokens of the configured OpenID provider on the API, for staff, as the old Cognito authorizer accepted them:
/// an ID token whose audience is the portal's client, or an access token issued to it (Cognito names the client in
/// <c>client_id</c>). The signature, issuer and lifetime are checked against the provider's published keys; then
/// <see cref="AuthenticateProviderToken"/> finds the linked portal user, whose permissions the call has, exactly as with
/// the session cookie. Tokens the portal issues itself (service credentials) name the portal as their issuer and go to OpenIddict instead.
/// </summary>
public static class ProviderBearer
{
    public const string Scheme = "ProviderBearer";
    public const string MarkerClaim = "arc:provider-token";

    /// <summary>Adds the scheme when sign-in through a provider is configured; answers the provider's issuer, or null when it did not.</summary>
    public static string? AddProviderBearer(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        var options = configuration.GetSection(ExternalSignInOptions.Section).Get<ExternalSignInOptions>() ?? new ExternalSignInOptions();
        var provider = options.Provider?.ToLowerInvariant();
        var (authority, clientId) = provider switch
        {
            "oidc" or "cognito" => (options.Authority, options.ClientId),
            ExternalIdentity.Entra => ($"{(configuration["AzureAd:Instance"] ?? "https://login.microsoftonline.com/").TrimEnd('/')}/{configuration[EntraTenant.Setting]}/v2.0",
                configuration["AzureAd:ClientId"]),
            _ => (null, null),
        };
        if (string.IsNullOrWhiteSpace(authority) || string.IsNullOrWhiteSpace(clientId))
            return null;
        var identityProvider = provider == ExternalIdentity.Entra ? ExternalIdentity.Entra : "oidc";
        authentication.AddJwtBearer(Scheme, bearer =>
        {
            bearer.Authority = authority;
            bearer.MapInboundClaims = false;
            bearer.RequireHttpsMetadata = !options.AllowHttp;
            // The audience is checked below: Cognito's access tokens carry the client in client_id rather than aud.
            bearer.TokenValidationParameters.ValidateAudience = false;
            bearer.Events = new JwtBearerEvents
            {
                OnTokenValidated = async context => await AcceptAsync(context, identityProvider, clientId),
                // The API's own challenge writes the 401 problem and WWW-Authenticate.
                OnChallenge = _ => Task.CompletedTask,
            };
        });
        return authority;
    }

    /// <summary>
    /// A compact JWS (three parts) issued by the configured provider (its <c>iss</c> is the provider's authority): a
    /// provider's token. Anything else, the portal's own access tokens among them, goes to the portal's own validation. The
    /// claim is read here only to choose where the token is checked; each scheme then verifies the signature itself, so a
    /// token that lies about its issuer is refused by the keys it does not match.
    /// </summary>
    public static bool IsProviderToken(string token, string issuer)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[1].Length > 16_000)
            return false;
        try
        {
            using var payload = System.Text.Json.JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1]));
            return payload.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && payload.RootElement.TryGetProperty("iss", out var claimed) && claimed.ValueKind == System.Text.Json.JsonValueKind.String
                && string.Equals(claimed.GetString()?.TrimEnd('/'), issuer.TrimEnd('/'), StringComparison.Ordinal);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or ArgumentException)
        {
            return false;
        }
    }

    private static async Task AcceptAsync(TokenValidatedContext context, string provider, string clientId)
    {
        var token = context.Principal!;
        var issuedTo = token.FindAll("aud").Select(c => c.Value).Append(token.FindFirstValue("client_id"));
        if (!issuedTo.Contains(clientId, StringComparer.Ordinal))
        {
            context.Fail("The token was not issued to this portal.");
            return;
        }
        var result = await context.HttpContext.RequestServices.GetRequiredService<AuthenticateProviderToken>()
            .HandleAsync(ExternalSignIn.Identity(provider, token), context.HttpContext.RequestAborted);
        if (result.User is not { } user)
        {
            context.Fail(result.Refusal!);
            return;
        }
        // The portal's own claims: who, and the stamp the permission checks compare with the account's current one.
        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Username),
            new Claim(ClaimTypes.Name, user.Name),
            new Claim(ClaimTypes.Email, user.Email),
            new Claim(PortalClaims.SecurityStamp, user.SecurityStamp),
            new Claim(MarkerClaim, provider),
        ], Scheme));
    }
}
