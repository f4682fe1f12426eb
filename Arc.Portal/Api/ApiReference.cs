using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Arc.Portal.Auth;
using Arc.Portal.Security;
using Scalar.AspNetCore;

namespace Arc.Portal.Api;

/// <summary>
/// The interactive reference of the OpenAPI document at <c>/api/reference</c> (Scalar.AspNetCore), for signed-in staff:
/// anonymous callers get the API's 401, a service credential's token 403. It works offline: Scalar's script is served by
/// the portal from the package; its web fonts (fetched from Scalar's servers by default), usage telemetry, AI assistant and
/// developer toolbar (both of which call or link to Scalar's services) are off.
/// Scalar starts itself with one inline script, which the portal's script policy refuses; the page's policy allows that
/// script by its hash and nothing else.
/// </summary>
public static partial class ApiReference
{
    public const string Route = "/api/reference";

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder endpoints)
    {
        var reference = endpoints.MapScalarApiReference(Route, options => options
                .WithTitle("Arc Portal API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools())
            .RequireAuthorization(policy => policy.RequireAuthenticatedUser().RequireAssertion(context => context.User.Credential() is null))
            .WithMetadata(new Microsoft.AspNetCore.Mvc.SkipStatusCodePagesAttribute());
        reference.Add(endpoint =>
        {
            var inner = endpoint.RequestDelegate ?? throw new InvalidOperationException("The reference endpoint has no handler.");
            endpoint.RequestDelegate = context => WithInlineScriptHashesAsync(context, inner);
        });
        return endpoints;
    }

    /// <summary>Runs the page, and gives an HTML answer the portal's policy with its inline scripts' hashes added.</summary>
    private static async Task WithInlineScriptHashesAsync(HttpContext context, RequestDelegate inner)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await inner(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            context.Items[SecurityHeaders.OwnPolicyKey] = true;
        context.Response.Headers.ContentSecurityPolicy = PolicyFor(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    public static string PolicyFor(string html)
    {
        var hashes = InlineScript().Matches(html)
            .Select(m => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups[1].Value)))}'");
        return SecurityHeaders.ContentSecurityPolicy.Replace("script-src 'self';", $"script-src 'self' {string.Join(' ', hashes)};", StringComparison.Ordinal);
    }

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>(.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
