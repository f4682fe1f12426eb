using System.Net;
using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using Arc.Domain.Credentials;
using Arc.Infrastructure.Certificates;
using Arc.Infrastructure.Credentials;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Certificate;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Arc.Portal.Auth;

/// <summary>
/// Mutual TLS for API clients (docs/decisions/0051): a service credential proved by certificate presents the client
/// certificate the portal issued it, on every call. The certificate must chain to the portal's API client authority
/// (<see cref="ApiClientAuthority"/>, no other root), be valid for client authentication, and be one of an active
/// credential's current certificates (by its SHA-256 fingerprint), so revoking or rotating the credential ends it without
/// revocation lists. The call then acts as the credential, exactly as with a token.
/// </summary>
/// <remarks>
/// The certificate reaches the portal either on a Kestrel HTTPS endpoint that asks for one (an endpoint's
/// <c>ClientCertificateMode: AllowCertificate</c>; give partners an endpoint of their own, as browsers ask their users for a
/// certificate wherever one is asked for), or from a header set by the load balancer that ended the TLS connection
/// (<c>Api:ClientCertificates:ForwardedHeader</c>, for example AWS's <c>X-Amzn-Mtls-Clientcert</c>). Set the header only when
/// nothing but that proxy can reach the portal: a certificate is not secret, and whoever can set the header can present one.
/// </remarks>
public static class ClientCertificates
{
    public const string Scheme = CertificateAuthenticationDefaults.AuthenticationScheme;
    public const string ForwardedHeaderSetting = "Api:ClientCertificates:ForwardedHeader";

    public static AuthenticationBuilder AddClientCertificates(this AuthenticationBuilder authentication, WebApplicationBuilder builder)
    {
        authentication.AddCertificate(Scheme, options =>
        {
            options.AllowedCertificateTypes = CertificateTypes.Chained;
            options.ChainTrustValidationMode = X509ChainTrustMode.CustomRootTrust;
            // Revocation is the credential's: its fingerprint is checked against the active credentials on every call.
            options.RevocationMode = X509RevocationMode.NoCheck;
            options.ValidateCertificateUse = true;
            options.ValidateValidityPeriod = true;
            options.Events = new CertificateAuthenticationEvents { OnCertificateValidated = ValidatedAsync };
        });
        // When the first call needs them, after the stores (and with them the authority's root) are loaded.
        authentication.Services.AddOptions<CertificateAuthenticationOptions>(Scheme)
            .Configure<ApiClientAuthority>((options, authority) => options.CustomTrustStore.Add(authority.Root));
        // The TLS layer takes any certificate it is offered; the handler above decides, and answers a refusal as a 401 problem.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ClientCertificateValidation = (_, _, _) => true));
        if (builder.Configuration[ForwardedHeaderSetting] is { Length: > 0 } header)
            authentication.Services.AddCertificateForwarding(options =>
            {
                options.CertificateHeader = header;
                // The middleware leaves the connection without a certificate when the converter answers none.
                options.HeaderConverter = value => FromHeader(value)!;
            });
        return authentication;
    }

    /// <summary>Reads the forwarded certificate before authentication, when a header is configured.</summary>
    public static void UseForwardedClientCertificates(WebApplication app)
    {
        if (app.Configuration[ForwardedHeaderSetting] is { Length: > 0 })
            app.UseCertificateForwarding();
    }

    /// <summary>Whether the call came with a client certificate (on the TLS connection, or forwarded).</summary>
    public static bool Presented(HttpContext context) => context.Connection.ClientCertificate is not null;

    /// <summary>A URL-encoded PEM chain (the leaf first, as AWS forwards it), or one certificate's Base64 DER; null when neither.</summary>
    internal static X509Certificate2? FromHeader(string value)
    {
        try
        {
            var text = WebUtility.UrlDecode(value).Trim();
            return text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
                ? X509Certificate2.CreateFromPem(text)
                : X509CertificateLoader.LoadCertificate(Convert.FromBase64String(text));
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            return null;
        }
    }

    private static async Task ValidatedAsync(CertificateValidatedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var ct = context.HttpContext.RequestAborted;
        var thumbprint = LocalCertificateAuthority.Fingerprint(context.ClientCertificate);
        var states = services.GetRequiredService<CredentialStateStore>();
        var found = await states.FindCertificateAsync(thumbprint, ct);
        var state = found is { } ids ? await states.GetAsync(ids.CredentialId, ct) : null;
        if (found is null || state is null || !state.IsActiveAt(services.GetRequiredService<TimeProvider>().GetUtcNow(), found.Value.SecretId))
        {
            // The remembered state may be a few seconds old either way: the database decides, and records a refusal.
            var authenticated = await services.GetRequiredService<ServiceCredentialAuthenticator>().AuthenticateCertificateAsync(thumbprint, ct);
            if (authenticated is null)
            {
                context.Fail("The client certificate is not one of an active service credential's current certificates.");
                return;
            }
            found = (authenticated.CredentialId, authenticated.SecretId);
        }
        await states.TouchAsync(found.Value.CredentialId, ct);
        var identity = new ClaimsIdentity(Scheme, Claims.Name, Claims.Role);
        var clientId = context.ClientCertificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        identity.AddClaim(new Claim(Claims.Subject, clientId));
        identity.AddClaim(new Claim(Claims.Name, clientId));
        identity.AddClaim(new Claim(ApiAuthentication.CredentialClaim, found.Value.CredentialId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(ApiAuthentication.SecretClaim, found.Value.SecretId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        context.Principal = new ClaimsPrincipal(identity);
        context.Success();
    }
}
