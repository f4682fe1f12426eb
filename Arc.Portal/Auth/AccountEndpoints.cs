using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace Arc.Portal.Auth;

/// <summary>
/// The HTTP end of signing out (a form post with an antiforgery token, so another site cannot sign you out), and the
/// activity ping that keeps a used page's session from going idle.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async (HttpContext context, IAntiforgery antiforgery, IArcDataFactory data, AuditTrail audit,
            SessionKeeper sessions) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
                return Results.BadRequest("The sign-out form has expired; reload the page and sign out again.");
            if (context.User.Username() is { } username)
            {
                await using var unit = data.Open();
                audit.Record(unit, username, AuditActions.UserSignedOut, AuditEntityTypes.User, username, new { });
                await unit.SaveChangesAsync(context.RequestAborted);
                // The session ends on the server: a copy of the cookie is worth nothing from now on.
                if (context.User.Session() is { } session)
                    await sessions.EndAsync(session, username, SessionEndReasons.SignedOut, context.RequestAborted);
            }
            await context.SignOutAsync(PortalClaims.Scheme);
            return Results.LocalRedirect("/account/login?signedOut=true");
        }).AllowAnonymous();
        // Validating the cookie for this request is what records the activity; the custom header keeps other sites out.
        endpoints.MapPost("/account/activity", (HttpContext context) =>
            context.Request.Headers.ContainsKey("X-Arc-Activity") && context.User.Username() is not null ? Results.NoContent() : Results.Unauthorized())
            .AllowAnonymous();
        return endpoints;
    }
}
