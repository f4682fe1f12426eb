using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Arc.Portal.Auth;

/// <summary>
/// The API's answer to a call without a token (401, <c>WWW-Authenticate: Bearer</c>) or without the permission (403), each
/// with a problem document. It authenticates nobody; a call that carried a token is challenged by OpenIddict instead,
/// which says what was wrong with the token.
/// </summary>
public sealed class ApiChallengeHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ArcApiChallenge";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Api.Legacy.LegacyApi.IsLegacyPath(Request.Path))
            return Api.Legacy.LegacyErrors.WriteRefusalAsync(Context, signedIn: false);
        Response.Headers.WWWAuthenticate = "Bearer";
        return ClientCertificates.Presented(Context)
            ? WriteAsync(StatusCodes.Status401Unauthorized, "Client certificate refused.",
                "The certificate was not issued by this portal for an active service credential, or it was replaced or has expired.")
            : WriteAsync(StatusCodes.Status401Unauthorized, "Not signed in.",
                $"Send an access token from {ServiceCredentialTokens.TokenPath} as \"Authorization: Bearer <token>\".");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Api.Legacy.LegacyApi.IsLegacyPath(Request.Path) ? Api.Legacy.LegacyErrors.WriteRefusalAsync(Context, signedIn: true) : WriteAsync(StatusCodes.Status403Forbidden, "Not permitted.", "The credential or account does not hold the permission this call needs.");

    private async Task WriteAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
