using System.Reflection;
using Arc.Portal.Api;
using Arc.Portal.Api.Legacy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

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
            // A nested answer type is named with its endpoints' class (two classes' "Answer" records would share a schema).
            options.CreateSchemaReferenceId = type => OpenApiOptions.CreateDefaultSchemaReferenceId(type) is { } id && type.Type.IsNested
                ? type.Type.DeclaringType!.Name + id
                : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            options.AddSchemaTransformer((schema, context, _) =>
            {
                // Every problem the portal writes carries the request's reference (DomainProblems), so the schema says so.
                if (typeof(ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type))
                {
                    schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
                    schema.Properties["traceId"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Description = "The reference the portal's log keeps the request under.",
                    };
                }
                AllowNullWhereDeclared(schema, context);
                return Task.CompletedTask;
            });
            options.AddApiHeaders();
            options.AddOldBodies();
            options.AddResourceApiAnswers();
        });

    /// <summary>
    /// Lets a property be null in the schema when its declaration says it may be. The generator reads that from a
    /// constructor parameter or a settable property, but not from a computed one (a remedy's <c>firmware</c>), whose
    /// answer could then be null where the document said it never is.
    /// </summary>
    /// <summary>The metadata key by which ASP.NET Core's generator marks a property whose component reference may be null.</summary>
    private const string NullablePropertyMarker = "x-is-nullable-property";

    private static void AllowNullWhereDeclared(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        if (schema.Properties is null || context.JsonTypeInfo.Kind != System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object)
            return;
        var nullability = new NullabilityInfoContext();
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (property.AttributeProvider is not PropertyInfo declared || nullability.Create(declared).ReadState != NullabilityState.Nullable
                || !schema.Properties.TryGetValue(property.Name, out var described) || described.OneOf is { Count: > 0 })
                continue;
            if (described is not OpenApiSchema { Type: { } type } inline || type.HasFlag(JsonSchemaType.Null))
                continue;
            // An object becomes a component referred to by $ref; the generator's own marker has it say "or null" around the $ref.
            if (type == JsonSchemaType.Object)
                (inline.Metadata ??= new Dictionary<string, object>())[NullablePropertyMarker] = true;
            else
                inline.Type = type | JsonSchemaType.Null;
        }
    }

    public static IEndpointRouteBuilder MapPortalOpenApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi().AllowAnonymous();
        return endpoints;
    }

    /// <summary>
    /// A download a page links to, for a signed-in person: without a session the browser is sent to the sign-in page, and
    /// without the endpoint's permission to the access-denied page (302), as a page would be.
    /// </summary>
    public static TBuilder ProducesSignInRedirect<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status302Found, typeof(void), []));
}
