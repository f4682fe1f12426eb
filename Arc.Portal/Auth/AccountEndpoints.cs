using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Users;
using Arc.Portal.Endpoints;
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
                return Results.Problem("The sign-out form has expired; reload the page and sign out again.", statusCode: StatusCodes.Status400BadRequest);
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
        }).AllowAnonymous()
            .WithName("SignOut").WithTags("Account").WithSummary("Ends the session (a form post with an antiforgery token) and returns to the sign-in page.")
            .Produces(StatusCodes.Status302Found).ProducesValidationProblem();
        // Validating the cookie for this request is what records the activity; the custom header keeps other sites out.
        endpoints.MapPost("/account/activity", (HttpContext context) =>
            context.Request.Headers.ContainsKey("X-Arc-Activity") && context.User.Username() is not null
                ? Results.NoContent()
                : Results.Problem("The session has ended; sign in again.", statusCode: StatusCodes.Status401Unauthorized))
            .AllowAnonymous().WithDomainProblems()
            .WithName("RecordActivity").WithTags("Account").WithSummary("Keeps the session of a page in use from going idle.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status401Unauthorized);
        return endpoints;
    }
}
