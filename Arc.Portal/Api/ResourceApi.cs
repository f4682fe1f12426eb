using System.Globalization;
using Arc.Domain.Common;
using Arc.Portal.Auth;
using Arc.Portal.Endpoints;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Net.Http.Headers;

namespace Arc.Portal.Api;

/// <summary>
/// The API's resources beyond vehicles (authorities, telemetry, fleets, recalls, users and groups), mapped together, and
/// what they share: the body limit, the refusal of a cookie-borne write without a JSON body, entity tags from row
/// versions and <c>If-Match</c> answered 412 when stale.
/// </summary>
public static class ResourceApi
{
    public static IEndpointRouteBuilder MapResourceApis(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAuthorityApi();
        endpoints.MapTelemetryApi();
        endpoints.MapFleetApi();
        endpoints.MapFleetSettingsApi();
        endpoints.MapRecallApi();
        endpoints.MapRecallVehicleApi();
        endpoints.MapUserApi();
        endpoints.MapGroupApi();
        return endpoints;
    }

    /// <summary>
    /// An API group (<see cref="VehicleApiEndpoints.MapApiGroup"/>) whose bodies are at most <see cref="ApiBodyLimit.MaxBytes"/>, and
    /// whose POST, PUT and PATCH calls made with a staff member's session cookie must send <c>application/json</c>: a
    /// cross-site form cannot, and a cross-site script that does is stopped by the browser's preflight, which the portal
    /// never answers. Bearer tokens are not sent by browsers on their own, so their calls need no such rule.
    /// </summary>
    public static RouteGroupBuilder MapResourceGroup(this IEndpointRouteBuilder endpoints, string prefix, string tag)
    {
        var group = endpoints.MapApiGroup(prefix).WithTags(tag)
            .ProducesValidationProblem();
        group.AddEndpointFilter(async (context, next) =>
        {
            var request = context.HttpContext.Request;
            var unsafeMethod = HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method);
            if (unsafeMethod && context.HttpContext.User.Credential() is null && !request.HasJsonContentType())
                return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The request is not valid.",
                    detail: "A call made with a session cookie that changes data sends an application/json body ({} when it has nothing to say).");
            return await next(context);
        });
        return group;
    }

    /// <summary>Marks an operation of a resource group that has no input a caller could send malformed.</summary>
    public sealed class NoInputMetadata
    {
        public static readonly NoInputMetadata Instance = new();
    }

    /// <summary>
    /// An operation with no body, query, header or typed path value to refuse: the 400 its group describes for every
    /// operation is taken out of its description (<see cref="AddResourceApiAnswers"/>), since it can never answer one.
    /// </summary>
    public static RouteHandlerBuilder WithoutInput(this RouteHandlerBuilder builder) => builder.WithMetadata(NoInputMetadata.Instance);

    /// <summary>The document's side of <see cref="WithoutInput"/>.</summary>
    public static OpenApiOptions AddResourceApiAnswers(this OpenApiOptions options) =>
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<NoInputMetadata>().Any())
                operation.Responses?.Remove(StatusCodes.Status400BadRequest.ToString(CultureInfo.InvariantCulture));
            return Task.CompletedTask;
        });

    /// <summary>The entity tag of a row version: a strong tag, its decimal value in quotes.</summary>
    public static string ETagOf(uint version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>Sets the answer's ETag and returns the value, so a GET reads <c>return TypedResults.Ok(context.Tagged(x, x.Version))</c>.</summary>
    public static T Tagged<T>(this HttpContext context, T value, uint version)
    {
        context.Response.Headers.ETag = ETagOf(version);
        return value;
    }

    /// <summary>
    /// The version an <c>If-Match</c> header names, or null when there is none (or it is <c>*</c>): the change then applies
    /// to the current state, as the pages' callers without a version do. A malformed header, or several tags, is a 400.
    /// </summary>
    public static uint? IfMatch(this HttpContext context)
    {
        var header = context.Request.Headers.IfMatch;
        if (header.Count == 0)
            return null;
        if (header.Count > 1 || !EntityTagHeaderValue.TryParseList(header, out var tags) || tags.Count != 1)
            throw new ValidationFailedException("If-Match", "Send one entity tag in If-Match, as the resource's ETag gave it.");
        var tag = tags[0];
        if (tag.Equals(EntityTagHeaderValue.Any))
            return null;
        var text = tag.Tag.Value!.Trim('"');
        return !tag.IsWeak && uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new ValidationFailedException("If-Match", "That entity tag was not given by this resource; read it again for its ETag.");
    }

    /// <summary>
    /// Answers a stale <c>If-Match</c> with 412 (the use case refused the version and saved nothing). The same refusal
    /// without the header (someone saved between two statements of the same call) stays a 409.
    /// </summary>
    public static RouteHandlerBuilder WithIfMatch(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (context, next) =>
            {
                try
                {
                    return await next(context);
                }
                catch (ConflictException stale) when (stale.StaleVersion && context.HttpContext.Request.Headers.IfMatch.Count > 0)
                {
                    return Results.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "The resource has changed.",
                        detail: stale.Message.Replace("reload to see the changes", "read it again for its new ETag", StringComparison.Ordinal));
                }
            })
            .WithMetadata(ApiHeaders.IfMatchMetadata.Instance)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

    /// <summary>A GET whose answer carries an ETag, for the OpenAPI document.</summary>
    public static RouteHandlerBuilder WithETag(this RouteHandlerBuilder builder) => builder.WithMetadata(ApiHeaders.ETagMetadata.Instance);

    /// <summary>A POST that creates: an Idempotency-Key makes a retry create once; the answer is 201 with where it lives.</summary>
    public static RouteHandlerBuilder AsCreate(this RouteHandlerBuilder builder) => builder.WithIdempotency();
}
