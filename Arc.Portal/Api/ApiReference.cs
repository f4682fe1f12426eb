using Arc.Portal.Auth;
using Scalar.AspNetCore;

namespace Arc.Portal.Api;

/// <summary>
/// The interactive reference of the OpenAPI document at <c>/api/reference</c> (Scalar.AspNetCore), for signed-in staff:
/// anonymous callers get the API's 401, a service credential's token 403. It works offline: Scalar's script is served by
/// the portal from the package, and its web fonts (fetched from Scalar's servers by default) and usage telemetry are off.
/// </summary>
public static class ApiReference
{
    public const string Route = "/api/reference";

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapScalarApiReference(Route, options => options
                .WithTitle("Arc Portal API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .DisableDefaultFonts()
                .DisableTelemetry())
            .RequireAuthorization(policy => policy.RequireAuthenticatedUser().RequireAssertion(context => context.User.Credential() is null))
            .WithMetadata(new Microsoft.AspNetCore.Mvc.SkipStatusCodePagesAttribute());
        return endpoints;
    }
}
