using System.Globalization;
using System.Security.Claims;
using Arc.Domain.Credentials;
using Arc.Infrastructure.Credentials;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Arc.Portal.Auth;

/// <summary>
/// The OAuth 2.0 client-credentials grant at <c>/connect/token</c>, issued by OpenIddict in degraded mode: the portal's
/// own service credentials are the client registry (<see cref="ServiceCredentialAuthenticator"/>), so OpenIddict keeps
/// no tables. Access tokens are validated locally and carry the credential and the secret they were issued for; every
/// call checks that both are still valid (<see cref="CheckCredential"/>), so a revocation or a rotated-out secret
/// ends the tokens too (docs/decisions/0044).
/// </summary>
public static class ServiceCredentialTokens
{
    public const string TokenPath = "/connect/token";
    private const string AuthenticatedKey = "arc:authenticated-credential";

    public static WebApplicationBuilder AddServiceCredentialTokens(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ApiTokenOptions.Section).Get<ApiTokenOptions>() ?? new ApiTokenOptions();
        builder.Services.AddOptions<ApiTokenOptions>().BindConfiguration(ApiTokenOptions.Section);
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddSingleton<ValidatedTokens>();
        builder.Services.AddOpenIddict()
            .AddServer(server =>
            {
                server.SetTokenEndpointUris(TokenPath.TrimStart('/'));
                server.AllowClientCredentialsFlow();
                server.EnableDegradedMode();
                server.DisableScopeValidation();
                server.SetAccessTokenLifetime(options.AccessTokenLifetime);
                // Signed, not encrypted: a token names only its credential and secret row, nothing its holder may not read,
                // and decrypting one took most of an API call's time (docs/benchmarks.md, api).
                server.DisableAccessTokenEncryption();
                AddKeys(server, options, development);
                var aspNetCore = server.UseAspNetCore();
                // Behind the proxy that ends TLS the request's scheme is https (forwarded headers); locally there is no TLS.
                if (development)
                    aspNetCore.DisableTransportSecurityRequirement();
                server.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseScopedHandler<AuthenticateClient>());
                server.AddEventHandler<OpenIddictServerEvents.HandleTokenRequestContext>(handler => handler.UseInlineHandler(IssueAsync));
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.UseAspNetCore();
                validation.AddEventHandler(CheckCredential.Descriptor);
                validation.AddEventHandler(ValidatedTokens.Reuse.Descriptor);
                validation.AddEventHandler(ValidatedTokens.Remember.Descriptor);
            });
        return builder;
    }

    private static void AddKeys(OpenIddictServerBuilder server, ApiTokenOptions options, bool development)
    {
        if (!string.IsNullOrEmpty(options.SigningCertificate) && !string.IsNullOrEmpty(options.EncryptionCertificate))
        {
            server.AddSigningCertificate(ApiTokenOptions.Load(nameof(options.SigningCertificate), options.SigningCertificate, options.SigningCertificatePassword));
            server.AddEncryptionCertificate(ApiTokenOptions.Load(nameof(options.EncryptionCertificate), options.EncryptionCertificate, options.EncryptionCertificatePassword));
            return;
        }
        if (!development)
            throw new InvalidOperationException(
                $"Set {ApiTokenOptions.Section}:SigningCertificate and :EncryptionCertificate (Base64 PKCS#12) to issue API tokens outside Development.");
        server.AddDevelopmentSigningCertificate().AddDevelopmentEncryptionCertificate();
    }

    /// <summary>Checks the client id and secret against the service credentials; OpenIddict answers invalid_client otherwise.</summary>
    private sealed class AuthenticateClient(ServiceCredentialAuthenticator authenticator) : IOpenIddictServerHandler<OpenIddictServerEvents.ValidateTokenRequestContext>
    {
        public async ValueTask HandleAsync(OpenIddictServerEvents.ValidateTokenRequestContext context)
        {
            var credential = await authenticator.AuthenticateAsync(context.Request.ClientId, context.Request.ClientSecret, context.CancellationToken);
            if (credential is null)
            {
                context.Reject(Errors.InvalidClient, "The client id or secret is not valid, or the credential has expired or was revoked.");
                return;
            }
            context.Transaction.Properties[AuthenticatedKey] = credential;
        }
    }

    private static ValueTask IssueAsync(OpenIddictServerEvents.HandleTokenRequestContext context)
    {
        if (!context.Request.IsClientCredentialsGrantType() || context.Transaction.Properties.GetValueOrDefault(AuthenticatedKey) is not AuthenticatedCredential credential)
            return ValueTask.CompletedTask;
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, credential.ClientId));
        identity.AddClaim(new Claim(Claims.Name, credential.Name));
        identity.AddClaim(new Claim(ApiAuthentication.CredentialClaim, credential.CredentialId.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(ApiAuthentication.SecretClaim, credential.SecretId.ToString(CultureInfo.InvariantCulture)));
        foreach (var claim in identity.Claims)
            claim.SetDestinations(Destinations.AccessToken);
        context.SignIn(new ClaimsPrincipal(identity));
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// After OpenIddict has validated an access token: the credential must still be active and the token's secret still
    /// valid, or the call is refused as an invalid token (401). A valid call counts as the credential's last use.
    /// </summary>
    public sealed class CheckCredential(CredentialStateStore states, TimeProvider time) : IOpenIddictValidationHandler<OpenIddictValidationEvents.ProcessAuthenticationContext>
    {
        public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
            OpenIddictValidationHandlerDescriptor.CreateBuilder<OpenIddictValidationEvents.ProcessAuthenticationContext>()
                .UseSingletonHandler<CheckCredential>()
                .SetOrder(OpenIddictValidationHandlers.ValidateAccessToken.Descriptor.Order + 1_000)
                .SetType(OpenIddictValidationHandlerType.Custom)
                .Build();

        public async ValueTask HandleAsync(OpenIddictValidationEvents.ProcessAuthenticationContext context)
        {
            if (context.AccessTokenPrincipal is not { } principal)
                return;
            var token = principal.Credential();
            if (token is null || await states.GetAsync(token.Value.CredentialId, context.CancellationToken) is not { } state
                || !state.IsActiveAt(time.GetUtcNow(), token.Value.SecretId))
            {
                context.Reject(Errors.InvalidToken, "The credential of this token was revoked or has expired, or its secret was replaced.");
                return;
            }
            await states.TouchAsync(token.Value.CredentialId, context.CancellationToken);
        }
    }
}
