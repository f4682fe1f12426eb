using Arc.Domain.Audit;
using Arc.Domain.Common;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace Arc.Portal.Auth;

/// <summary>The HTTP end of signing out (a form post with an antiforgery token, so another site cannot sign you out).</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async (HttpContext context, IAntiforgery antiforgery, IArcDataFactory data, AuditTrail audit) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
                return Results.BadRequest("The sign-out form has expired; reload the page and sign out again.");
            if (context.User.Username() is { } username)
            {
                await using var unit = data.Open();
                audit.Record(unit, username, AuditActions.UserSignedOut, AuditEntityTypes.User, username, new { });
                await unit.SaveChangesAsync(context.RequestAborted);
            }
            await context.SignOutAsync(PortalClaims.Scheme);
            return Results.LocalRedirect("/account/login?signedOut=true");
        }).AllowAnonymous();
        return endpoints;
    }
}
