using Arc.Domain.Api;
using Arc.Portal.Endpoints;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Arc.Portal.Api;

/// <summary>
/// The API's request and answer headers in the OpenAPI document: <c>Idempotency-Key</c> on the operations that take one,
/// <c>If-Match</c> on the updates that honour it, <c>ETag</c> on the reads that give one, <c>Server-Timing</c> on the successes of every timed operation.
/// </summary>
public static class ApiHeaders
{
    public sealed class IfMatchMetadata
    {
        public static readonly IfMatchMetadata Instance = new();
    }

    public sealed class ETagMetadata
    {
        public static readonly ETagMetadata Instance = new();
    }

    public static OpenApiOptions AddApiHeaders(this OpenApiOptions options)
    {
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<Idempotency.IdempotentMetadata>().Any())
                Add(operation, IdempotencyRules.Header, "1-255 visible ASCII characters (a UUID per request). A retry with the same key and the same "
                    + "request gets the first answer again (Idempotent-Replayed: true) and changes nothing more; the same key with another request is 422. "
                    + "Optional: without it every request runs.");
            if (metadata.OfType<IfMatchMetadata>().Any())
                Add(operation, "If-Match", "The ETag read with the resource. When it is no longer current the change is refused with 412 and nothing "
                    + "is changed. Optional: without it (or with *) the change applies to the current state.");
            if (metadata.OfType<ServerTiming.TimedMetadata>().Any())
                foreach (var (status, answer) in operation.Responses ?? [])
                    if (status.StartsWith('2') && answer is OpenApiResponse success)
                    {
                        success.Headers ??= new Dictionary<string, IOpenApiHeader>();
                        success.Headers[ServerTiming.Header] = new OpenApiHeader
                        {
                            Description = "The operation's own time in the portal in milliseconds (app;dur=1.71), the rest of the call being the network's and the API's.",
                            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                        };
                    }
            if (metadata.OfType<ETagMetadata>().Any() && operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
            {
                response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                response.Headers["ETag"] = new OpenApiHeader
                {
                    Description = "The resource's version; send it back as If-Match with an update.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
            }
            return Task.CompletedTask;
        });
        return options;
    }

    private static void Add(OpenApiOperation operation, string name, string description)
    {
        operation.Parameters ??= [];
        if (operation.Parameters.Any(p => p.Name == name && p.In == ParameterLocation.Header))
            return;
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = name, In = ParameterLocation.Header, Required = false, Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }
}
