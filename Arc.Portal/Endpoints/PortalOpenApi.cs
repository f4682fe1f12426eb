using Arc.Portal.Api;

namespace Arc.Portal.Endpoints;

/// <summary>
/// The OpenAPI document of the portal's HTTP endpoints at <c>/openapi/v1.json</c>. Only named endpoints are described:
/// pages and static files are not an API. It is served to anyone (docs/decisions/0022): it lists routes, their
/// permissions' effects and problem answers, nothing a signed-out visitor could not learn by trying the routes.
/// </summary>
public static class PortalOpenApi
{
    public static IServiceCollection AddPortalOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.ShouldInclude = description => description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().Any();
            options.AddApiSecurity();
            options.AddApiHeaders();
        });

    public static IEndpointRouteBuilder MapPortalOpenApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi().AllowAnonymous();
        return endpoints;
    }
}
