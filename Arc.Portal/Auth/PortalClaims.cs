using System.Security.Claims;
using Arc.Domain.Users;

namespace Arc.Portal.Auth;

/// <summary>The claims of a portal session cookie: who, and the security stamp the session was issued under.</summary>
public static class PortalClaims
{
    public const string SecurityStamp = "arc:stamp";
    public const string SessionId = "arc:sid";
    public const string Scheme = "ArcCookie";

    public static ClaimsPrincipal For(User user, Guid sessionId) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Username),
            new Claim(ClaimTypes.Name, user.Name),
            new Claim(ClaimTypes.Email, user.Email),
            new Claim(SecurityStamp, user.SecurityStamp),
            new Claim(SessionId, sessionId.ToString("N")),
        ], Scheme));

    public static string? Username(this ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true ? principal.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public static string? Stamp(this ClaimsPrincipal principal) => principal.FindFirstValue(SecurityStamp);

    public static Guid? Session(this ClaimsPrincipal principal) =>
        Guid.TryParseExact(principal.FindFirstValue(SessionId), "N", out var id) ? id : null;
}
