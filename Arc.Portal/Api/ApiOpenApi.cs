using Arc.Portal.Auth;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Arc.Portal.Api;

/// <summary>
/// The API's security in the OpenAPI document: an OAuth 2.0 client-credentials scheme whose token URL is
/// <c>/connect/token</c>, or mutual TLS with a client certificate, one of them required by every operation of an API group (<see cref="VehicleApiEndpoints.MapApiGroup"/>).
/// </summary>
public static class ApiOpenApi
{
    public const string SchemeName = "serviceCredential";
    public const string CertificateSchemeName = "clientCertificate";

    /// <summary>Marks an endpoint that takes the API's bearer token.</summary>
    public sealed class SecuredMetadata
    {
        public static readonly SecuredMetadata Instance = new();
    }

    public static OpenApiOptions AddApiSecurity(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = "A service credential's client id and secret exchanged at /connect/token (client_credentials) for a bearer "
                    + "access token. Signed-in staff may use their session cookie instead.",
                Flows = new OpenApiOAuthFlows
                {
                    ClientCredentials = new OpenApiOAuthFlow { TokenUrl = new Uri(ServiceCredentialTokens.TokenPath, UriKind.Relative) },
                },
            };
            document.Components.SecuritySchemes[CertificateSchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.MutualTLS,
                Description = "A service credential proved by certificate: the client certificate the portal issued it, presented on the "
                    + "portal's mutual TLS endpoint (or forwarded by the load balancer that ends TLS); no token.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<SecuredMetadata>().Any())
            {
                operation.Security ??= [];
                // Either one: a token, or a client certificate.
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CertificateSchemeName, context.Document)] = [] });
            }
            return Task.CompletedTask;
        });
        return options;
    }
}
