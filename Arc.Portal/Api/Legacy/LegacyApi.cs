using System.Text.Json;
using Arc.Domain.Common;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Arc.Portal.Api.Legacy;

/// <summary>
/// The old API Gateway's Authority Manager (<c>/am/v1</c>) and Vehicle Manager (<c>/vm/v1</c>) routes that the portal's
/// capabilities cover, kept so that an old client changes only its base address and credential (issue 17 item 3; the
/// route table is docs/api-old-routes.md). Each route calls the use case its page calls and answers in the old JSON field
/// names (spec/backend.md Appendix B) and the old error shapes (<see cref="LegacyErrors"/>). They authenticate as
/// <c>/api</c> does (a bearer token of a service credential, or a signed-in staff member's cookie), share its rate limit
/// and are never cached.
/// </summary>
public static class LegacyApi
{
    public const string AuthorityManagerPrefix = "/am/v1";
    public const string VehicleManagerPrefix = "/vm/v1";
    public const string Tag = "Old routes";

    /// <summary>Marks an old route: its failures are answered in the old shapes.</summary>
    public sealed class Metadata
    {
        public static readonly Metadata Instance = new();
    }

    public static bool IsLegacyPath(PathString path) =>
        path.StartsWithSegments(AuthorityManagerPrefix, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(VehicleManagerPrefix, StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddLegacyApi(this IServiceCollection services)
    {
        services.AddExceptionHandler<LegacyErrors.Handler>();
        return services;
    }

    /// <summary>Answers a failure of an old route in the old shape (pages and the new API keep their own handlers).</summary>
    public static WebApplication UseLegacyApiErrors(this WebApplication app)
    {
        app.UseWhen(context => context.GetEndpoint()?.Metadata.GetMetadata<Metadata>() is not null, branch => branch.UseExceptionHandler());
        return app;
    }

    /// <summary>
    /// The old routes, the firmware pipeline's release endpoint and the API reference page: the additions of one change,
    /// registered together.
    /// </summary>
    public static IEndpointRouteBuilder MapLegacyApi(this IEndpointRouteBuilder endpoints)
    {
        var authorityManager = endpoints.MapLegacyGroup(AuthorityManagerPrefix);
        AuthorityManagerRoutes.Map(authorityManager);
        AuthorityManagerWriteRoutes.Map(authorityManager);
        var vehicleManager = endpoints.MapLegacyGroup(VehicleManagerPrefix);
        VehicleManagerRoutes.Map(vehicleManager);
        VehicleConfigurationRoutes.Map(vehicleManager);
        VehicleGroupWriteRoutes.Map(vehicleManager);
        VehiclePartAndNoteRoutes.Map(vehicleManager);
        VehicleFirmwareRoutes.Map(vehicleManager);
        LegacyRecallRoutes.Map(vehicleManager);
        LegacyRecallWriteRoutes.Map(vehicleManager);
        LegacyRecallVehicleRoutes.Map(vehicleManager);
        FirmwareReleaseApi.MapFirmwareReleaseApi(endpoints);
        ApiReference.MapApiReference(endpoints);
        return endpoints;
    }

    /// <summary>
    /// A group of old routes: signed in (bearer token or staff cookie; each use case checks its permission), the API's
    /// per-client rate limit and body limit, no status pages, no caching, old error shapes, the bearer scheme in the
    /// OpenAPI document.
    /// </summary>
    public static RouteGroupBuilder MapLegacyGroup(this IEndpointRouteBuilder endpoints, string prefix)
    {
        var group = endpoints.MapGroup(prefix)
            .RequireAuthorization()
            .RequireRateLimiting(ApiRateLimit.Name)
            .WithTags(Tag)
            .WithMetadata(Metadata.Instance, new Microsoft.AspNetCore.Mvc.SkipStatusCodePagesAttribute(), ApiOpenApi.SecuredMetadata.Instance,
                ApiBodyLimit.Metadata)
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(LegacyErrors.GatewayMessage), ["application/json"]),
                new ProducesResponseTypeMetadata(StatusCodes.Status500InternalServerError, typeof(LegacyErrors.Error), ["application/json"]))
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });
        return group;
    }

    /// <summary>Documents the old error answers an old route gives besides 401 and 500.</summary>
    public static RouteHandlerBuilder ProducesLegacyErrors(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
            builder.Produces<LegacyErrors.Error>(status);
        return builder;
    }

    /// <summary>
    /// Documents the JSON body an old route reads. Not <c>Accepts</c>: routing would then refuse a body sent with another
    /// content type (415) before the route could answer it in the old error shape, as the old functions did.
    /// </summary>
    public static RouteHandlerBuilder AcceptsOldBody<T>(this RouteHandlerBuilder builder, bool optional = false) where T : class =>
        builder.WithMetadata(new OldBodyMetadata(typeof(T), optional));

    public sealed record OldBodyMetadata(Type Type, bool Optional);

    /// <summary>Puts the body an old route declares with <see cref="AcceptsOldBody{T}"/> into its operation.</summary>
    public static OpenApiOptions AddOldBodies(this OpenApiOptions options)
    {
        options.AddOperationTransformer(async (operation, context, ct) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<OldBodyMetadata>().FirstOrDefault() is not { } body)
                return;
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = !body.Optional,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(body.Type, cancellationToken: ct) },
                },
            };
        });
        return options;
    }

    /// <summary>Reads every page of a paged use case (the old routes answered whole lists).</summary>
    public static async Task<List<T>> AllPagesAsync<T>(Func<int, Task<Page<T>>> page)
    {
        var all = new List<T>();
        for (var index = 0; ; index++)
        {
            var next = await page(index);
            all.AddRange(next.Items);
            if (next.Items.Count == 0 || all.Count >= next.TotalCount)
                return all;
        }
    }

    /// <summary>An old body that may be left out (the old gateway passed an empty one on): <paramref name="empty"/> then.</summary>
    public static Task<T> ReadOptionalBodyAsync<T>(HttpContext context, T empty) where T : class =>
        context.Request.ContentLength is null or 0 && context.Request.Headers.TransferEncoding.Count == 0 ? Task.FromResult(empty) : ReadBodyAsync<T>(context);

    /// <summary>Reads an old body leniently (unknown fields dropped, as the old validation purged them); a wrong type is a 400.</summary>
    public static async Task<T> ReadBodyAsync<T>(HttpContext context) where T : class
    {
        try
        {
            return await context.Request.ReadFromJsonAsync<T>(context.RequestAborted)
                ?? throw new ValidationFailedException("body", "The body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new ValidationFailedException(e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body",
                "The body is not valid JSON for this route: a value is missing, malformed or of the wrong type.");
        }
        catch (InvalidOperationException)
        {
            throw new ValidationFailedException("body", "Send the body as application/json.");
        }
    }
}
